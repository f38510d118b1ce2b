"""我要监督: a villager's online complaint, from the village page to the receipt (issue 8, item 2).

Every test goes through the public URLs as a browser would: GET the form (for its one-time key),
POST it, read the page. "Writes nothing" means no case, no event, no attachment and no file in the
case-files storage.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from supervision.models import CaseAttachment, CaseEvent, Complaint, ComplaintCategory
from supervision.services import attachments, receipts
from tests import factories

GROUP = "[2-9A-HJ-NP-Z]{4}"
CODE = re.compile(rf'<dd class="receipt-code" lang="en">({GROUP}-{GROUP}-{GROUP})</dd>')
PIN = re.compile(r'<dd class="receipt-pin" lang="en">(\d{6})</dd>')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
DESCRIPTION = "三组的惠民补贴发放名单一直没有在公开栏公示，有人说名单里有不符合条件的人。"

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_AS_JPG = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def form_url(village) -> str:
    return village.url + "complaint/"


def fresh_key(client, village) -> str:
    response = client.get(form_url(village))
    assert response.status_code == 200
    return KEY.search(response.content.decode()).group(1)


def post(client, village, key=None, files=None, **fields):
    data = {
        "kind": "petition",
        "category": "subsidy",
        "description": DESCRIPTION,
        "place": "",
        "power_item": "",
        "accused_name": "",
        "real_name": "anonymous",
        "reporter_name": "",
        "reporter_contact": "",
        "website": "",
        "submission_key": key if key is not None else fresh_key(client, village),
        **fields,
    }
    if files:
        data["attachments"] = files
    return client.post(form_url(village), data)


def receipt_of(response) -> tuple[str, str]:
    body = response.content.decode()
    code, pin = CODE.search(body), PIN.search(body)
    assert code and pin, f"no receipt on the page: {body[:300]}"
    return code.group(1), pin.group(1)


def stored_files() -> set[Path]:
    root = Path(storages["case_files"].location)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def assert_nothing_written(before_files: set[Path]):
    assert Complaint.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert CaseAttachment.objects.count() == 0
    assert stored_files() == before_files


# --- the way in -----------------------------------------------------------------------------------


def test_every_village_page_links_to_the_form_and_to_the_lookup(client, tree):
    url = form_url(tree.xigu)
    page = client.get(tree.xigu.url).content.decode()
    assert f'href="{url}"' in page
    assert 'href="/track/"' in page
    english = client.get("/en" + tree.xigu.url).content.decode()
    assert f'href="/en{url}"' in english
    assert 'href="/en/track/"' in english


def test_the_form_and_the_lookup_are_not_in_the_sitemap(client, tree):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert tree.xigu.url + "power/" in sitemap  # the lists are
    assert "complaint/" not in sitemap and "/track/" not in sitemap


def test_the_form_is_never_cached_and_carries_a_new_key_each_time(client, tree):
    first = client.get(form_url(tree.xigu))
    second = client.get(form_url(tree.xigu))
    assert "no-store" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    keys = {KEY.search(r.content.decode()).group(1) for r in (first, second)}
    assert len(keys) == 2


def test_the_form_lists_active_categories_and_the_villages_public_power_items(client, tree):
    ComplaintCategory.objects.filter(code="homestead").update(active=False)
    catalog = factories.catalog(tree.awu)
    factories.power_item(catalog, "3", "低保评定")
    factories.power_item(tree.awu_village, "村1", "阿坞村自己的事项")  # another village's
    page = client.get(form_url(tree.xigu)).content.decode()
    assert 'value="subsidy"' in page and 'value="homestead"' not in page
    assert "3 低保评定" in page and "阿坞村自己的事项" not in page


def test_the_page_explains_anonymous_and_real_name_in_plain_words(client, tree):
    page = client.get(form_url(tree.xigu)).content.decode()
    assert "实名反映优先办理，办完后会告诉您结果" in page
    assert "没有人能打电话给您" in page
    assert "只有办理人员能看到" in page  # the accused name and the identity
    # Anonymous is the default: nothing to fill in to report.
    assert re.search(r'<input type="radio" name="real_name" value="anonymous"[^>]*checked', page)


# --- submitting -----------------------------------------------------------------------------------


def test_an_anonymous_submit_makes_one_online_case_and_shows_code_and_pin_once(client, tree):
    response = post(client, tree.xigu, place="三组", accused_name="村会计")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code, pin = receipt_of(response)
    case = Complaint.objects.get()
    assert receipts.format_code(case.receipt_code) == code
    assert receipts.pin_matches(case.receipt_code, pin, case.pin_digest)
    assert case.channel == Complaint.Channel.ONLINE and case.village == tree.xigu
    assert case.category.code == "subsidy" and case.kind == Complaint.Kind.PETITION
    assert case.description == DESCRIPTION and case.place == "三组"
    assert case.accused_name == "村会计"
    assert not case.real_name and not case.reporter_name and not case.reporter_contact
    event = case.events.get()
    assert event.kind == CaseEvent.Kind.SUBMITTED and event.actor is None
    body = response.content.decode()
    assert "您是匿名反映" in body
    assert "http://testserver/track/" in body  # the slip says where to look it up
    assert "村会计" not in body  # the accused is never shown back


def test_a_real_name_submit_keeps_name_and_phone_sealed_and_says_the_result_will_be_told(
    client, tree
):
    response = post(
        client,
        tree.xigu,
        kind="accusation",
        category="conduct",
        real_name="real",
        reporter_name="张某某",
        reporter_contact="+86 138-0000-1234",
    )
    assert response.status_code == 200
    receipt_of(response)
    case = Complaint.objects.get()
    assert case.real_name and case.kind == Complaint.Kind.ACCUSATION
    assert case.reporter_name == "张某某" and case.reporter_contact == "13800001234"
    assert case.identity_hash
    body = response.content.decode()
    assert "办结后会告诉您结果" in body
    assert "13800001234" not in body and "张某某" not in body


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0939-5606205", "0939-5606205"),
        ("（0939）560 6205", "0939-5606205"),
        ("010 12345678", "010-12345678"),
    ],
)
def test_a_landline_with_its_area_code_is_a_contact(client, tree, typed, stored):
    response = post(
        client, tree.xigu, real_name="real", reporter_name="张某某", reporter_contact=typed
    )
    receipt_of(response)
    assert Complaint.objects.get().reporter_contact == stored


def test_a_power_item_of_the_village_can_be_named(client, tree):
    catalog = factories.catalog(tree.awu)
    item = factories.power_item(catalog, "3", "低保评定")
    receipt_of(post(client, tree.xigu, power_item="3"))
    assert Complaint.objects.get().power_item_id == item.pk


def test_an_anonymous_report_drops_a_name_typed_before_switching_to_anonymous(client, tree):
    receipt_of(post(client, tree.xigu, reporter_name="张某某", reporter_contact="不是电话"))
    case = Complaint.objects.get()
    assert not case.reporter_name and not case.reporter_contact and case.identity_hash == ""


def test_a_good_attachment_is_kept_in_the_case_files_storage(client, tree):
    photo = SimpleUploadedFile("公示栏.png", PNG, content_type="image/png")
    receipt_of(post(client, tree.xigu, files=[photo]))
    attachment = CaseAttachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "公示栏.png"
    assert storages["case_files"].exists(attachment.file.name)
    assert "公示栏" not in attachment.file.name  # never the uploaded name on disk


# --- bad input: a clear Chinese message, what was typed kept, nothing written ---------------------


BAD_INPUT = {
    "no description": ({"description": ""}, "请填写反映内容。"),
    "too short": ({"description": "补贴没发"}, "请至少写 10 个字"),
    "too long": ({"description": "长" * 2001}, "最多 2000 个字，现在是 2001 个字"),
    "null byte": ({"description": DESCRIPTION + "\x00"}, "无法识别的控制字符"),
    "no category": ({"category": ""}, "请选择问题类别"),
    "bad category": ({"category": "no-such-thing"}, "所选的问题类别不存在"),
    "bad kind": ({"kind": "lawsuit"}, "请从列出的三类中选一类"),
    "place too long": ({"place": "地" * 201}, "地点最多 200 个字"),
    "power item of no list": ({"power_item": "99"}, "不在本村公开的权力清单中"),
    "real name, no name": (
        {"real_name": "real", "reporter_contact": "13800001234"},
        "实名反映请填写您的真实姓名",
    ),
    "real name, no phone": (
        {"real_name": "real", "reporter_name": "张某某"},
        "实名反映请留一个能打通的电话",
    ),
    "short mobile": (
        {"real_name": "real", "reporter_name": "张某某", "reporter_contact": "1380000123"},
        "手机号码应为 11 位数字",
    ),
    "letters for a phone": (
        {"real_name": "real", "reporter_name": "张某某", "reporter_contact": "call me"},
        "电话号码只能有数字",
    ),
    "landline without area code": (
        {"real_name": "real", "reporter_name": "张某某", "reporter_contact": "5606205"},
        "带区号的固定电话",
    ),
}


@pytest.mark.parametrize(("fields", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_explained_keeps_what_was_typed_and_writes_nothing(
    client, tree, fields, message
):
    before = stored_files()
    typed = {"place": "三组村委会门口", "accused_name": "村会计", **fields}
    response = post(client, tree.xigu, **typed)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert message in body
    assert "提交没有成功，请修改下面标出的地方" in body
    # The summary links to the field.
    assert re.search(r'<div class="error-summary" role="alert"[^>]*>.*?<a href="#id_', body, re.S)
    assert 'aria-invalid="true"' in body
    for name in ("place", "accused_name", "reporter_name", "reporter_contact", "description"):
        value = typed.get(name)
        if value and "\x00" not in value:
            assert value in body, f"{name} not kept"
    assert not CODE.search(response.content.decode())
    assert_nothing_written(before)


def test_script_tags_are_stored_as_text_and_shown_escaped(client, tree):
    script = "<script>alert('x')</script>"
    # Shown again with an error: escaped.
    response = post(client, tree.xigu, description=script, real_name="real")
    body = response.content.decode()
    assert script not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    # Accepted: kept exactly as typed (it is text, escaped wherever shown).
    receipt_of(post(client, tree.xigu, description=f"{DESCRIPTION}{script}", place=script))
    case = Complaint.objects.get()
    assert case.description.endswith(script) and case.place == script


def test_a_file_that_lies_about_its_type_is_refused_and_nothing_is_written(client, tree):
    before = stored_files()
    fake = SimpleUploadedFile("照片.jpg", EXE_AS_JPG, content_type="image/jpeg")
    response = post(client, tree.xigu, files=[fake], place="三组")
    body = html.unescape(response.content.decode())
    assert "“照片.jpg”不是可接受的文件类型（按文件内容判断）" in body
    assert "刚才选的附件没有保留，请重新选择" in body
    assert "三组" in body
    assert_nothing_written(before)


def test_an_oversize_file_is_refused_and_nothing_is_written(client, tree):
    before = stored_files()
    size = attachments.MAX_FILE_BYTES + 1024 * 1024
    big = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff" + b"\x00" * size, "image/jpeg")
    response = post(client, tree.xigu, files=[big])
    body = html.unescape(response.content.decode()).replace("\xa0", " ")  # sizes never wrap
    assert "“现场.jpg”太大（11.0 MB），每个附件不能超过 10.0 MB" in body
    assert_nothing_written(before)


def test_too_many_files_are_refused(client, tree):
    before = stored_files()
    files = [SimpleUploadedFile(f"{i}.png", PNG, "image/png") for i in range(6)]
    body = html.unescape(post(client, tree.xigu, files=files).content.decode())
    assert "最多上传 5 个附件" in body
    assert_nothing_written(before)


def test_a_post_without_the_csrf_token_is_refused(tree):
    browser = Client(enforce_csrf_checks=True)
    key = fresh_key(browser, tree.xigu)
    browser.cookies.clear()
    response = post(browser, tree.xigu, key=key)
    assert response.status_code == 403
    assert Complaint.objects.count() == 0


# --- double submits, robots, floods ---------------------------------------------------------------


def test_the_same_form_posted_twice_makes_one_case_and_shows_the_same_receipt(client, tree):
    key = fresh_key(client, tree.xigu)
    first = receipt_of(post(client, tree.xigu, key=key))
    again = receipt_of(post(client, tree.xigu, key=key))
    assert first == again
    assert Complaint.objects.count() == 1 and CaseEvent.objects.count() == 1


def test_the_same_page_changed_and_sent_again_is_a_second_case(client, tree):
    """After the back button a villager may edit the old page and send it: not the first
    case's receipt again, but a case of its own."""
    key = fresh_key(client, tree.xigu)
    first = receipt_of(post(client, tree.xigu, key=key))
    second = receipt_of(
        post(client, tree.xigu, key=key, description=DESCRIPTION + "补充：二组也是。")
    )
    assert first[0] != second[0]
    assert Complaint.objects.count() == 2


def test_after_the_reshow_window_a_repeat_says_the_case_exists_but_not_its_pin(client, tree):
    key = fresh_key(client, tree.xigu)
    code, pin = receipt_of(post(client, tree.xigu, key=key))
    Complaint.objects.update(receipt_reshow_until=timezone.now() - timezone.timedelta(minutes=1))
    response = post(client, tree.xigu, key=key)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "这件反映已经登记" in body and code in body
    assert pin not in body and not PIN.search(body)
    assert Complaint.objects.count() == 1


def test_a_filled_honeypot_looks_like_success_and_creates_nothing(client, tree):
    before = stored_files()
    key = fresh_key(client, tree.xigu)
    response = post(client, tree.xigu, key=key, website="http://spam.example")
    assert response.status_code == 200
    code, pin = receipt_of(response)
    assert "已收到您的反映" in response.content.decode()
    assert_nothing_written(before)
    # The same robot post gets the same answer, like a real retry.
    assert receipt_of(post(client, tree.xigu, key=key, website="http://spam.example")) == (
        code,
        pin,
    )


def test_the_honeypot_is_hidden_from_people_and_labelled_for_screen_readers(client, tree):
    page = client.get(form_url(tree.xigu)).content.decode()
    box = re.search(r'<div class="hp-field" aria-hidden="true">(.*?)</div>', page, re.S)
    assert box, "the honeypot is not in its hidden box"
    assert "请不要填写这一项" in box.group(1)
    assert 'tabindex="-1"' in box.group(1) and 'name="website"' in box.group(1)


def test_submissions_are_limited_per_client_and_the_form_itself_is_not_counted(
    client, tree, settings
):
    settings.RATE_LIMITS = {"complaint": "2/600"}
    for _ in range(5):
        assert client.get(form_url(tree.xigu)).status_code == 200
    first_key = fresh_key(client, tree.xigu)
    first = receipt_of(post(client, tree.xigu, key=first_key))
    receipt_of(post(client, tree.xigu))
    # A post with errors is not counted either.
    assert post(client, tree.xigu, description="").status_code == 200
    refused = post(client, tree.xigu, description=DESCRIPTION + "第三件")
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    assert "已经提交的反映都已登记" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0 and "no-store" in refused["Cache-Control"]
    assert Complaint.objects.count() == 2
    # A retry of an accepted form still gets its receipt; another address is not limited.
    assert receipt_of(post(client, tree.xigu, key=first_key)) == first
    neighbour = Client(REMOTE_ADDR="10.9.8.7")
    receipt_of(post(neighbour, tree.xigu, description=DESCRIPTION + "邻居"))
    assert Complaint.objects.count() == 3


# --- who may use it -------------------------------------------------------------------------------


def test_a_restricted_village_has_no_form(client, tree, admin):
    PageViewRestriction.objects.create(page=tree.xigu, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(admin)  # allowed to see the page itself, but it is not public
    assert client.get(tree.xigu.url).status_code == 200
    assert client.get(form_url(tree.xigu)).status_code == 404
    response = client.post(form_url(tree.xigu), {"description": DESCRIPTION, "category": "subsidy"})
    assert response.status_code == 404
    assert Complaint.objects.count() == 0


def test_an_unpublished_village_has_no_form(client, tree):
    tree.xigu.unpublish()
    assert client.get(form_url(tree.xigu)).status_code == 404


def test_the_form_answers_only_get_head_options_and_post(client, tree):
    options = client.options(form_url(tree.xigu))
    assert options["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.put(form_url(tree.xigu)).status_code == 405
    # The village page itself stays read-only.
    assert client.post(tree.xigu.url).status_code == 405


# --- English --------------------------------------------------------------------------------------


def test_the_form_and_receipt_work_in_english(client, tree):
    url = "/en" + form_url(tree.xigu)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and '<html lang="en">' in body
    assert "Xigu Village" in body and "Report a concern" in body
    assert "Anonymous" in body and "Real name" in body
    key = KEY.search(body).group(1)
    bad = client.post(
        url,
        {
            "submission_key": key,
            "category": "subsidy",
            "kind": "petition",
            "real_name": "anonymous",
            "description": "short",
        },
    )
    assert "at least 10 characters" in html.unescape(bad.content.decode())
    response = client.post(
        url,
        {
            "submission_key": key,
            "kind": "petition",
            "category": "subsidy",
            "description": DESCRIPTION,
            "real_name": "anonymous",
        },
    )
    assert response.status_code == 200
    receipt_of(response)
    english = response.content.decode()
    assert "We have received your report" in english and "http://testserver/en/track/" in english
