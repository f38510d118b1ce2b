"""Intake in the admin (登记信访举报): a liaison station logs for its own village, a petition office
for any village of its county; every refusal is a Chinese message that keeps what was typed and
writes nothing; a double submit is one case; the receipt shows code and PIN to its logger."""

from __future__ import annotations

import datetime
import os
import re

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from supervision.models import CaseAttachment, CaseEvent, Complaint, ComplaintCategory
from supervision.services import receipts
from tests import factories
from tests.factories import staff_user
from villages.models import Role

KEY = "k" * 24
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# A valid resident ID number (GB 11643 check digit X).
VALID_ID = "11010519491231002X"


@pytest.fixture
def station(tree):
    return staff_user("station_awu", Role.STATION_OPERATOR, tree.awu_village)


@pytest.fixture
def petition(tree):
    return staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)


def form_data(place, channel="station", **overrides):
    data = {
        "village": place.pk,
        "channel": channel,
        "kind": "petition",
        "category": ComplaintCategory.objects.get(code="subsidy").pk,
        "description": "二组的惠民补贴发放名单没有张榜公示。",
        "identity": "anonymous",
        "received_on": timezone.localdate().isoformat(),
        "submission_key": KEY,
    }
    if channel == "station":
        data |= {"intake_mode": "visit", "consent": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def messages_of(response) -> str:
    html = response.content.decode()
    summary = re.search(r'id="error-summary".*?</div>', html, re.S)
    return summary.group(0) if summary else ""


def stored_files() -> list[str]:
    root = storages["case_files"].location
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_a_station_logs_for_its_village_and_gets_code_and_pin(client, tree, station):
    client.force_login(station)
    form = client.get("/admin/intake/").content.decode()
    # Village and channel are fixed for a station: shown as text, not offered as choices.
    assert "阿坞村" in form and "联络站代录" in form and "西固村" not in form
    assert 'name="consent"' in form and "已向反映人说明并征得同意" in form
    key = re.search(r'name="submission_key" value="([^"]+)"', form).group(1)

    response = client.post("/admin/intake/", form_data(tree.awu_village, submission_key=key))
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert (case.village, case.channel, case.logged_by) == (tree.awu_village, "station", station)
    assert case.intake_mode == "visit" and case.consent_recorded
    assert case.events.get().kind == CaseEvent.Kind.LOGGED
    assert case.events.get().actor_label == "联络站（阿坞村）"

    receipt = client.get(response["Location"]).content.decode()
    assert receipts.format_code(case.receipt_code) in receipt
    pin = re.search(r'class="receipt-pin"[^>]*>(\d{6})<', receipt).group(1)
    assert receipts.pin_matches(case.receipt_code, pin, case.pin_digest)
    assert "http://127.0.0.1:8000/track/" in receipt

    # The printable slip: the same code and PIN, without the admin around it.
    printed = client.get(response["Location"] + "print/").content.decode()
    assert pin in printed and receipts.format_code(case.receipt_code) in printed
    assert "wagtail-sidebar" not in printed and "<script>" not in printed


def test_the_receipt_is_only_for_the_user_who_logged_it(client, tree, station):
    client.force_login(station)
    location = client.post("/admin/intake/", form_data(tree.awu_village))["Location"]
    other = staff_user("station_2", Role.STATION_OPERATOR, tree.awu_village)
    client.force_login(other)
    assert client.get(location).status_code == 404
    assert client.get(location + "print/").status_code == 404


def test_after_the_reshow_window_the_pin_is_gone_for_good(client, tree, station):
    client.force_login(station)
    location = client.post("/admin/intake/", form_data(tree.awu_village))["Location"]
    Complaint.objects.update(receipt_reshow_until=timezone.now() - datetime.timedelta(seconds=1))
    receipt = client.get(location).content.decode()
    assert "receipt-pin" not in receipt and "已不能再显示" in receipt
    assert client.get(location + "print/").status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"village": "xigu"}, "只能为您管辖范围内的村（社区）登记"),
        ({"channel": "letter"}, "您的账号不能以这种渠道登记"),
        ({"consent": None}, "须向反映人说明并征得同意"),
        ({"intake_mode": None}, "请选择反映人是来访、打电话还是来信"),
    ],
)
def test_a_station_is_refused_another_village_channel_or_missing_consent(
    client, tree, station, change, message
):
    client.force_login(station)
    if change.get("village"):
        change = {**change, "village": getattr(tree, change["village"]).pk}
    response = client.post("/admin/intake/", form_data(tree.awu_village, **change))
    assert response.status_code == 200
    assert message in messages_of(response)
    assert not Complaint.objects.exists() and not CaseEvent.objects.exists()
    # What was typed is still there.
    assert "二组的惠民补贴发放名单没有张榜公示。" in response.content.decode()


@pytest.mark.parametrize("channel", ["letter", "phone", "transfer"])
@pytest.mark.parametrize("village", ["xigu", "hadapu_village"])
def test_a_petition_office_logs_letters_calls_and_transfers_for_its_county(
    client, tree, petition, channel, village
):
    client.force_login(petition)
    form = client.get("/admin/intake/").content.decode()
    assert "西固村" in form and "哈达铺村" in form and "坪儿上村" not in form
    # A petition office does not record a station's consent.
    assert 'name="consent"' not in form
    response = client.post("/admin/intake/", form_data(getattr(tree, village), channel=channel))
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.channel == channel and case.village == getattr(tree, village)
    assert case.number.startswith("621223-")


def test_a_petition_office_cannot_log_for_the_other_county_or_as_a_station(client, tree, petition):
    client.force_login(petition)
    response = client.post("/admin/intake/", form_data(tree.pingershang, channel="letter"))
    assert "只能为您管辖范围内的村（社区）登记" in messages_of(response)
    response = client.post("/admin/intake/", form_data(tree.xigu, channel="station"))
    assert "您的账号不能以这种渠道登记" in messages_of(response)
    response = client.post("/admin/intake/", form_data(tree.xigu, channel="online"))
    assert "您的账号不能以这种渠道登记" in messages_of(response)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "收到日期不能晚于今天"), (366, "收到日期不能早于一年前")],
)
def test_received_date_is_not_in_the_future_nor_over_a_year_back(
    client, tree, petition, days, message
):
    client.force_login(petition)
    day = timezone.localdate() - datetime.timedelta(days=days)
    response = client.post(
        "/admin/intake/", form_data(tree.xigu, channel="letter", received_on=day.isoformat())
    )
    assert message in messages_of(response)
    assert not Complaint.objects.exists()


def test_a_letter_received_days_ago_keeps_its_date_and_its_deadline_counts_from_it(
    client, tree, petition
):
    client.force_login(petition)
    day = timezone.localdate() - datetime.timedelta(days=12)
    client.post(
        "/admin/intake/", form_data(tree.xigu, channel="letter", received_on=day.isoformat())
    )
    case = Complaint.objects.get()
    assert case.received_on == day
    assert case.created_at.date() >= timezone.localdate() - datetime.timedelta(days=1)


def test_a_file_that_lies_about_its_type_is_refused_and_nothing_is_written(client, tree, station):
    client.force_login(station)
    lying = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 this is a program", "image/jpeg")
    response = client.post("/admin/intake/", form_data(tree.awu_village, attachments=[lying]))
    assert "“照片.jpg”不是可接受的文件类型" in messages_of(response)
    assert "请重新选择附件" in messages_of(response)
    assert not Complaint.objects.exists() and not CaseAttachment.objects.exists()
    assert stored_files() == [] or not any("照片" in f for f in stored_files())


def test_attachments_are_stored_with_the_case(client, tree, station):
    client.force_login(station)
    files = [SimpleUploadedFile("现场.png", PNG, "image/png")]
    client.post("/admin/intake/", form_data(tree.awu_village, attachments=files))
    attachment = CaseAttachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "现场.png"
    assert attachment.uploaded_by.username == "station_awu"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("village", "阿坞村", "只能为您管辖范围内的村（社区）登记"),
        ("category", "999999", "所选问题类别不存在或已停用"),
        ("received_on", "昨天", "收到日期请按“年-月-日”填写"),
        ("kind", "rumour", "请从信访举报、检举控告、意见建议中选择一项"),
        ("identity", "both", "请选择实名或匿名"),
        ("accused_office", "x", "请从列表中选择职务"),
    ],
)
def test_wrong_types_get_a_specific_message_and_write_nothing(
    client, tree, petition, field, value, message
):
    client.force_login(petition)
    response = client.post(
        "/admin/intake/", form_data(tree.xigu, channel="letter", **{field: value})
    )
    assert message in messages_of(response)
    assert not Complaint.objects.exists()


def test_a_double_submit_makes_one_case(client, tree, station):
    client.force_login(station)
    first = client.post("/admin/intake/", form_data(tree.awu_village))
    second = client.post("/admin/intake/", form_data(tree.awu_village))
    assert Complaint.objects.count() == 1 and CaseEvent.objects.count() == 1
    assert second["Location"] == first["Location"] + "?repeated=1"
    again = client.get(second["Location"]).content.decode()
    assert "这份登记表已经提交过，没有重复登记" in again
    assert receipts.format_code(Complaint.objects.get().receipt_code) in again


def test_the_same_key_from_another_user_is_another_submission(client, tree, station):
    client.force_login(station)
    client.post("/admin/intake/", form_data(tree.awu_village))
    client.force_login(staff_user("station_2", Role.STATION_OPERATOR, tree.awu_village))
    client.post("/admin/intake/", form_data(tree.awu_village))
    assert Complaint.objects.count() == 2


def test_a_missing_or_forged_submission_key_asks_to_submit_again(client, tree, station):
    client.force_login(station)
    response = client.post("/admin/intake/", form_data(tree.awu_village, submission_key="x"))
    assert "登记表已过期，请核对内容后再提交一次" in messages_of(response)
    assert not Complaint.objects.exists()
    fresh = re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())
    assert fresh and len(fresh.group(1)) >= 20


def test_real_name_needs_a_name_and_a_working_phone(client, tree, petition):
    client.force_login(petition)
    response = client.post(
        "/admin/intake/",
        form_data(tree.xigu, channel="phone", identity="real", reporter_contact="12345"),
    )
    text = messages_of(response)
    assert "实名反映请填写反映人的真实姓名" in text
    assert "请填写 11 位手机号或带区号的座机号码" in text
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位"),
        ("11010519491331002X", "出生日期"),
        ("1101051949", "应为 18 位"),
    ],
)
def test_an_id_number_is_checked_digit_by_digit(client, tree, petition, number, message):
    client.force_login(petition)
    response = client.post(
        "/admin/intake/",
        form_data(
            tree.xigu,
            channel="visit",
            identity="real",
            reporter_name="张某某",
            reporter_contact="13800001234",
            reporter_id_number=number,
        ),
    )
    assert message in messages_of(response)
    assert not Complaint.objects.exists()


def test_a_real_name_report_keeps_the_identity_sealed(client, tree, petition):
    client.force_login(petition)
    client.post(
        "/admin/intake/",
        form_data(
            tree.xigu,
            channel="visit",
            identity="real",
            reporter_name="张某某",
            reporter_contact="0939-5521234",
            reporter_id_number=VALID_ID.lower(),
            reporter_address="西固村二组",
        ),
    )
    case = Complaint.objects.get()
    assert case.real_name and case.reporter_name == "张某某"
    assert case.reporter_id_number == VALID_ID and case.identity_hash and case.id_number_hash


def test_anonymous_with_identity_typed_asks_which_one_was_meant(client, tree, petition):
    client.force_login(petition)
    response = client.post(
        "/admin/intake/", form_data(tree.xigu, channel="phone", reporter_name="张某某")
    )
    assert "选择了匿名，却填写了反映人的姓名或联系方式" in messages_of(response)
    assert not Complaint.objects.exists()


def test_too_long_text_and_unknown_power_items_are_refused(client, tree, station):
    catalog = factories.catalog(tree.tanchang)
    factories.power_item(catalog, "5", "低保申请审批")
    client.force_login(station)
    form = client.get("/admin/intake/").content.decode()
    assert "5 低保申请审批" in form  # the village's own list, to choose from
    response = client.post(
        "/admin/intake/",
        form_data(tree.awu_village, description="很" * 5001, power_item="99"),
    )
    text = messages_of(response)
    assert "反映内容最多 5000 字（现在 5001 字）" in text
    assert "阿坞村的权力清单上没有编号为“99”的事项" in text
    assert not Complaint.objects.exists()

    client.post("/admin/intake/", form_data(tree.awu_village, power_item="5"))
    assert Complaint.objects.get().power_item.number == "5"


def test_script_tags_are_kept_as_text(client, tree, petition):
    client.force_login(petition)
    text = "<script>alert(1)</script> 村委会不公开账目"
    client.post("/admin/intake/", form_data(tree.xigu, channel="letter", description=text))
    case = Complaint.objects.get()
    assert case.description == text
    page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("role", "node"),
    [
        (Role.TOWNSHIP_EDITOR, "awu"),
        (Role.LEADER, "tanchang"),
        (Role.AUDITOR, "city"),
    ],
)
def test_roles_that_do_not_log_get_no_intake(client, tree, role, node):
    client.force_login(staff_user("someone", role, getattr(tree, node)))
    assert "/admin/intake/" not in client.get("/admin/").content.decode()
    response = client.post("/admin/intake/", form_data(tree.xigu, channel="letter"))
    assert response.status_code == 302 and "/admin/intake/" not in response["Location"]
    assert not Complaint.objects.exists()


def test_the_intake_form_is_one_column_of_labelled_fields(client, tree, petition):
    client.force_login(petition)
    html = client.get("/admin/intake/").content.decode()
    for field in ("village", "channel", "category", "description", "received_on"):
        assert f'for="id_{field}"' in html
    # Choice groups are fieldsets with a legend; help is tied to its input.
    assert re.search(r'<fieldset[^>]*id="id_identity_fieldset"[^>]*>\s*<legend', html)
    assert 'aria-describedby="id_description_helptext"' in html
    assert 'type="date"' in html and f'max="{timezone.localdate().isoformat()}"' in html
    # Errors are listed at the top, each linked to its field.
    response = client.post("/admin/intake/", {"submission_key": KEY})
    summary = messages_of(response)
    assert 'href="#id_description"' in summary and 'href="#id_identity_fieldset"' in summary
