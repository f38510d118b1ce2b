"""Tiny but valid attachment files for the demo cases, built in code (no binary files in the
repository): a PNG picture, a one-page PDF and a short AMR recording. Each is as real as a
villager's upload must be: supervision/services/attachments.py reads its type from the content.
"""

from __future__ import annotations

import struct
import zlib


def png(width: int = 48, height: int = 32) -> bytes:
    """A small picture of a notice board: a grey frame around white paper with dark lines."""

    def pixel(x: int, y: int) -> bytes:
        if x < 3 or y < 3 or x >= width - 3 or y >= height - 3:
            return b"\x80\x80\x80"
        if y % 5 == 0 and 6 <= x < width - 6:
            return b"\x30\x30\x30"
        return b"\xff\xff\xff"

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def pdf(text: str = "Demo attachment") -> bytes:
    """A one-page A4 PDF with one line of (ASCII) text, with a correct cross-reference table."""
    text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def amr(seconds: int = 2) -> bytes:
    """AMR-NB (RFC 4867 storage format): the magic line, then 50 frames a second in the 12.2 kbit/s
    mode (a 1-byte frame header 0x3C: type 7, quality bit set, and 31 bytes of speech bits; all
    zero here, so it plays as near-silence)."""
    frame = b"\x3c" + bytes(31)
    return b"#!AMR\n" + frame * (50 * seconds)


BUILDERS = {"png": png, "pdf": pdf, "amr": amr}
