"""Stored PDFs: keyed by content, never by the Host; built by the task worker, never in a request;
the last good booklet served while a new one is built; rate-limited per client (issue 6, part 3)."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from disclosures import tasks
from disclosures.services import pdf, pdf_store
from tests import factories

# Stored PDFs of each test only; cache.clear() runs for every test (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_in_tmp")


@pytest.fixture
def catalog(tree):
    catalog = factories.catalog(tree.tanchang)
    factories.power_item(catalog, "1", "村级重大事项决策", category_code="decision")
    factories.power_item(catalog, "2", "低保申请审批")
    return catalog


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint builds (template names)."""
    calls = []
    original = pdf._render

    def counting(template, context):
        calls.append(template)
        return original(template, context)

    monkeypatch.setattr(pdf, "_render", counting)
    return calls


@pytest.fixture
def busy_worker(monkeypatch):
    """The worker has not got round to it: builds are queued, not run."""
    queued = []
    monkeypatch.setattr(
        tasks, "request_booklet", lambda village, version: queued.append(version.digest)
    )
    return queued


def booklet_url(village):
    return village.url + "booklet/"


def test_the_booklet_is_built_once_whatever_host_or_port_asks(client, tree, catalog, renders):
    url = booklet_url(tree.awu_village)
    first = client.get(url, HTTP_HOST="127.0.0.1:8000")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    for host in ("127.0.0.1:8001", "localhost:8002", "xiaowei.example.org"):
        again = client.get(url, HTTP_HOST=host)
        assert again.status_code == 200 and again.content == first.content, host
    assert renders == ["disclosures/pdf/booklet.html"]


def test_printed_urls_come_from_the_configured_site_address(rf, tree, catalog):
    context = pdf.booklet_context(tree.awu_village)
    assert context["village_url"] == settings.WAGTAILADMIN_BASE_URL + tree.awu_village.url


def test_a_request_never_builds_the_booklet_it_queues_it_once(
    client, tree, catalog, renders, busy_worker
):
    url = booklet_url(tree.awu_village)
    response = client.get(url)
    assert response.status_code == 202
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert "正在生成打印版，请稍后刷新" in response.content.decode()
    assert renders == []
    assert len(busy_worker) == 1
    # The worker builds it; the next request gets it.
    tasks.build_booklet.call(tree.awu_village.pk)
    done = client.get(url)
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"


def test_one_queued_build_however_many_visitors_ask(client, tree, catalog, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "enqueue_build", queued.append)
    version = pdf_store.booklet_version(tree.awu_village)
    for _ in range(3):
        tasks.request_booklet(tree.awu_village, version)
    assert queued == [tree.awu_village.pk]


def test_the_first_request_finds_the_booklet_with_the_immediate_backend(client, tree, catalog):
    response = client.get(booklet_url(tree.awu_village))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("public")


def test_the_last_good_booklet_is_served_while_the_new_one_is_built(
    client, tree, catalog, busy_worker
):
    url = booklet_url(tree.awu_village)
    pdf_store.refresh_booklet(tree.awu_village)
    old = client.get(url)
    assert old.status_code == 200
    item = catalog.get_children().specific().first()
    item.title = "改名后的事项"
    item.save_revision().publish()
    meanwhile = client.get(url)
    assert meanwhile.status_code == 200 and meanwhile.content == old.content
    assert "public" not in meanwhile["Cache-Control"]  # revalidated next time
    assert len(busy_worker) == 1


def test_publishing_rebuilds_the_stored_booklets_that_print_it(
    client, tree, catalog, renders, django_capture_on_commit_callbacks, tmp_path
):
    from tests.disclosures.test_pdf import pdf_text

    pdf_store.refresh_booklet(tree.awu_village)
    assert not pdf_store.has_booklet(tree.pingershang)  # another county: not touched
    item = catalog.get_children().specific().first()
    item.title = "改名后的事项"
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()
    assert renders.count("disclosures/pdf/booklet.html") == 2
    renders.clear()
    response = client.get(booklet_url(tree.awu_village))
    assert renders == []  # served from the store
    assert "改名后的事项" in pdf_text(response.content, tmp_path)
    assert not pdf_store.has_booklet(tree.xigu)  # never asked for: left for its first request


def test_item_sheets_are_stored_by_village_item_and_version(client, tree, catalog, renders):
    url = tree.awu_village.url + "power/1/pdf/"
    first = client.get(url, HTTP_HOST="127.0.0.1:8000")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert client.get(url, HTTP_HOST="127.0.0.1:8001").content == first.content
    assert renders == ["disclosures/pdf/item.html"]
    client.get(tree.xigu.url + "power/1/pdf/")  # another village prints its own sheet
    assert len(renders) == 2
    item = catalog.get_children().specific().first()
    item.save_revision().publish()
    client.get(url)
    assert len(renders) == 3


def test_pdf_urls_are_rate_limited_per_client(client, tree, catalog, settings):
    settings.RATE_LIMITS = {"pdf": "2/86400"}  # one window: no boundary mid-test
    url = tree.awu_village.url + "power/1/pdf/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429 and refused["Retry-After"].isdigit()
    assert "public" not in refused.get("Cache-Control", "")
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_a_request_never_builds_an_item_sheet_either(client, tree, catalog, renders, monkeypatch):
    queued = []
    build = tasks.build_item_sheet
    monkeypatch.setattr(
        tasks, "build_item_sheet", SimpleNamespace(enqueue=lambda *args: queued.append(args))
    )
    url = tree.awu_village.url + "power/1/pdf/"
    response = client.get(url)
    assert response.status_code == 202
    assert "正在生成打印版，请稍后刷新" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert renders == []
    client.get(url)  # a second visitor does not queue it again
    assert queued == [(tree.awu_village.pk, "1")]
    build.call(*queued[0])
    done = client.get(url)
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"


def test_the_last_good_item_sheet_is_served_while_the_new_one_is_built(
    client, tree, catalog, monkeypatch
):
    url = tree.awu_village.url + "power/2/pdf/"
    old = client.get(url)
    assert old.status_code == 200
    monkeypatch.setattr(tasks, "build_item_sheet", SimpleNamespace(enqueue=lambda *args: None))
    item = catalog.get_children().specific().get(title="低保申请审批")
    item.title = "低保申请审批（修订）"
    item.save_revision().publish()
    meanwhile = client.get(url)
    assert meanwhile.status_code == 200 and meanwhile.content == old.content
    assert "public" not in meanwhile["Cache-Control"]
