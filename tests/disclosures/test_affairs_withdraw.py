"""An earlier published version that showed what it must not (a full ID number in a scan) can be
taken out of public view by someone who may publish the page: the public page then shows only
when it was withdrawn and why, and the version's own address is gone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from disclosures.models import WithdrawnVersion
from disclosures.services import affairs
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(tree):
    """A subsidy disclosure published, then corrected: two published versions."""
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(2))
    return factories.correct(page, factories.subsidy_values(3), "补充漏发的一户")


def earlier(page):
    return next(v for v in affairs.published_versions(page) if not v.current)


def test_a_publisher_withdraws_an_earlier_version_and_the_public_sees_only_why(
    client, admin, corrected
):
    old = earlier(corrected)
    assert client.get(f"{corrected.url}versions/{old.revision_id}/").status_code == 200

    client.force_login(admin)
    url = f"/admin/disclosures/{corrected.pk}/versions/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"revision": old.revision_id, "reason": ""})
    assert "请写明撤下原因" in response.content.decode()
    assert not WithdrawnVersion.objects.exists()
    response = client.post(url, {"revision": old.revision_id, "reason": "原扫描件含完整身份证号"})
    assert response.status_code == 302
    client.logout()

    assert client.get(f"{corrected.url}versions/{old.revision_id}/").status_code == 404
    body = client.get(corrected.url).content.decode()
    assert "已撤下：原扫描件含完整身份证号" in body
    assert f"versions/{old.revision_id}/" not in body


def test_the_current_version_cannot_be_withdrawn_and_an_editor_cannot_withdraw(
    admin, editor, corrected
):
    with pytest.raises(ValueError, match="现行版本不能撤下"):
        affairs.withdraw_version(corrected, corrected.live_revision_id, admin, "误发")
    with pytest.raises(PermissionDenied):
        affairs.withdraw_version(corrected, earlier(corrected).revision_id, editor, "误发")
    draft = corrected.save_revision()
    with pytest.raises(ValueError, match="从未公开"):
        affairs.withdraw_version(corrected, draft.pk, admin, "误发")
    assert not WithdrawnVersion.objects.exists()
