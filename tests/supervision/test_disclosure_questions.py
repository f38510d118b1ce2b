""" "有疑问?" from a village affairs disclosure to the complaint form (issue 10, part 8): the form
says what the question is about, keeps it through a form shown again, stores it on the case,
ignores anything forged; staff see it on the case, filter by it and count it."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from supervision.forms import ComplaintForm
from supervision.models import Complaint
from supervision.services.figures import complaints_by_disclosure_kind
from tests import factories
from tests.factories import staff_user
from tests.supervision.test_online_form import DESCRIPTION, KEY, form_url, receipt_of
from villages.hooks import question_url
from villages.models import Role

NUMBER_RE = re.compile(r"\b\d{6}-\d{4}-\d{6}\b")


@pytest.fixture
def subsidy(tree):
    return factories.disclosure(
        tree.awu_village, kind="subsidy", rows=factories.subsidy_values(3), title="惠民补贴公开"
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def post_question(client, village, about="", line="", **fields):
    url = form_url(village)
    query = {"about": about, "line": line}
    body = client.get(url, query).content.decode()
    data = {
        "kind": "petition",
        "category": "subsidy",
        "description": DESCRIPTION,
        "real_name": "anonymous",
        "website": "",
        "submission_key": KEY.search(body).group(1),
        "about": about,
        "line": line,
        **fields,
    }
    return client.post(url, data)


def test_question_url_leads_to_the_village_form_with_disclosure_and_line(tree, subsidy):
    url = question_url(tree.awu_village, f"disclosure:{subsidy.pk}", 2)
    assert url.startswith(form_url(tree.awu_village))
    assert f"about=disclosure%3A{subsidy.pk}" in url and "line=2" in url
    assert "line=" not in question_url(tree.awu_village, f"disclosure:{subsidy.pk}")
    assert question_url(tree.awu_village, "power:1") == ""


def test_form_names_the_disclosure_and_its_masked_row(client, tree, subsidy):
    text = page_text(
        client.get(form_url(tree.awu_village), {"about": f"disclosure:{subsidy.pk}", "line": "1"})
    )
    assert "涉及的公开内容：" in text
    assert "惠民补贴公开（2026年第3季度） 第 1 行：户主 张*明" in text
    assert "张三明" not in text  # the row as the public sees it, never the raw name
    assert f'name="about" value="disclosure:{subsidy.pk}"' in text


def test_case_stores_disclosure_line_and_row_even_after_a_form_shown_again(client, tree, subsidy):
    refused = post_question(
        client, tree.awu_village, f"disclosure:{subsidy.pk}", "2", description="太短"
    )
    text = page_text(refused)
    assert "第 2 行：户主 李*" in text
    # The re-shown form carries the question on in its hidden fields.
    key = KEY.search(text).group(1)
    response = client.post(
        form_url(tree.awu_village),
        {
            "kind": "petition",
            "category": "subsidy",
            "description": DESCRIPTION,
            "real_name": "anonymous",
            "submission_key": key,
            "about": re.search(r'name="about" value="([^"]*)"', text).group(1),
            "line": re.search(r'name="line" value="([^"]*)"', text).group(1),
        },
    )
    receipt_of(response)
    case = Complaint.objects.get()
    assert case.disclosure_id == subsidy.pk
    assert case.disclosure_line == 2
    assert case.disclosure_row.startswith("户主 李*，村民小组 第2村民小组")
    assert "121.50" in case.disclosure_row


@pytest.mark.parametrize(
    "about_of, line",
    [
        (lambda tree, page, other, draft: f"disclosure:{other.pk}", "1"),  # another village's
        (lambda tree, page, other, draft: f"disclosure:{draft.pk}", "1"),  # not published
        (lambda tree, page, other, draft: "disclosure:999999", "1"),  # unknown
        (lambda tree, page, other, draft: f"power:{page.pk}", "1"),  # not a disclosure
        (lambda tree, page, other, draft: f"disclosure:{page.pk}<script>", "1"),
    ],
)
def test_forged_or_unknown_disclosure_is_ignored_and_the_complaint_goes_through(
    client, tree, subsidy, about_of, line
):
    other = factories.disclosure(tree.xigu, kind="subsidy", rows=factories.subsidy_values(2))
    draft = factories.disclosure(
        tree.awu_village, kind="finance", slug="draft", rows=None, publish=False
    )
    about = about_of(tree, subsidy, other, draft)
    shown = page_text(client.get(form_url(tree.awu_village), {"about": about, "line": line}))
    assert "涉及的公开内容：" not in shown
    receipt_of(post_question(client, tree.awu_village, about, line))
    case = Complaint.objects.get()
    assert case.disclosure is None and case.disclosure_line is None and case.disclosure_row == ""


def test_a_line_not_in_the_table_keeps_the_disclosure_only(client, tree, subsidy):
    receipt_of(post_question(client, tree.awu_village, f"disclosure:{subsidy.pk}", "99"))
    case = Complaint.objects.get()
    assert case.disclosure_id == subsidy.pk
    assert case.disclosure_line is None and case.disclosure_row == ""


def test_double_submit_fingerprint_includes_disclosure_and_line(tree, subsidy):
    def key_for(line):
        data = {
            "kind": "petition",
            "category": "subsidy",
            "description": DESCRIPTION,
            "real_name": "anonymous",
            "submission_key": "k" * 24,
            "about": f"disclosure:{subsidy.pk}",
            "line": line,
        }
        form = ComplaintForm(data, village=tree.awu_village)
        assert form.is_valid(), form.errors
        return form.intake_submission_key()

    assert key_for("1") != key_for("2")
    assert key_for("1") == key_for("1")


def test_staff_see_the_disclosure_on_the_case_filter_and_count_it(client, tree, subsidy):
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    asked = factories.complaint(
        tree.awu_village, disclosure=subsidy, disclosure_line=1, disclosure_row="户主 张*明"
    ).case
    plain = factories.complaint(tree.xigu).case
    client.force_login(petition)

    text = page_text(client.get(reverse("cases:inspect", args=[asked.pk])))
    assert "涉及的村务公开" in text
    assert reverse("wagtailadmin_pages:edit", args=[subsidy.pk]) in text
    assert subsidy.url in text
    assert "第 1 行：户主 张*明" in text

    def listed(query):
        body = client.get("/admin/cases/" + query).content.decode()
        return set(NUMBER_RE.findall(body.split('id="listing-results"', 1)[-1]))

    assert listed("?disclosure_kind=subsidy") == {asked.number}
    assert listed("?disclosure_kind=any") == {asked.number}
    assert listed("?disclosure_kind=finance") == set()
    assert plain.number in listed("")

    rows = complaints_by_disclosure_kind(Complaint.objects.all())
    assert [(r.kind, r.count) for r in rows] == [("subsidy", 1)]
    dashboard = page_text(client.get(reverse("wagtailadmin_home")))
    assert "涉及村务公开的信访举报（1 件）" in dashboard


def test_no_question_panel_without_such_complaints(client, tree):
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    factories.complaint(tree.awu_village)
    client.force_login(petition)
    assert "涉及村务公开的信访举报" not in page_text(client.get(reverse("wagtailadmin_home")))
