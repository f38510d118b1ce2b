"""The GeoReport v2 wire formats: JSON, and XML mapped from it by the Spark convention (a list
becomes a parent element holding one child per item, named in the spec: `services/service`,
`service_requests/request`, `errors/error`, `attributes/attribute`, `values/value`).

UTF-8 everywhere, with `Content-Type: application/json; charset=utf-8` or
`text/xml; charset=utf-8` and an XML declaration naming the encoding (spec, "Encoding").
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = ("json", "xml")
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"

# The element name of one item of each list, by the list's own name (spec examples).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}

# Characters XML 1.0 cannot carry at all (text from other channels might hold one).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """A request the API cannot fulfil: the HTTP status and one or more (code, description)
    pairs, rendered as the spec's error list. `headers` are added to the response
    (Retry-After for 429)."""

    def __init__(self, status: int, *descriptions: str, headers: dict | None = None):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = [str(d) for d in descriptions]
        self.headers = headers or {}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _element(name: str, value) -> ET.Element:
    element = ET.Element(name)
    if isinstance(value, dict):
        for key, child in value.items():
            element.append(_element(key, child))
    elif isinstance(value, list):
        item_name = ITEM_NAMES[name]
        for item in value:
            element.append(_element(item_name, item))
    else:
        element.text = _text(value)
    return element


def to_xml(root_name: str, data) -> bytes:
    body = ET.tostring(_element(root_name, data), encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode()


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def render(fmt: str, root_name: str, data, status: int = 200) -> HttpResponse:
    """`data` in `fmt`; `root_name` names the XML root (the JSON is `data` itself)."""
    if fmt == "xml":
        return HttpResponse(to_xml(root_name, data), status=status, content_type=XML_TYPE)
    return HttpResponse(to_json(data), status=status, content_type=JSON_TYPE)


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    data = [{"code": error.status, "description": d} for d in error.descriptions]
    response = render(fmt, "errors", data, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response
