"""`manage.py reencrypt_identities`: rotating the identity keys (docs/security.md "Reporter
identity") leaves every reporter's identity readable under the new key alone, recomputes the
repeat-matching hashes, and never touches a value it cannot read."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from supervision.models import Complaint
from supervision.services.identity import identity_hashes
from supervision.services.key_rotation import forget_cached_keys
from tests import factories

IDENTITY = {
    "reporter_name": "张某某",
    "reporter_contact": "13800001234",
    "reporter_id_number": "620000199001011234",
    "reporter_address": "宕昌县阿坞镇西固村一组",
}


@pytest.fixture
def keys(settings):
    """Switch the identity keys as an operator would between two runs of the site. The
    library derives its keys once per field, so the cached ones are dropped each time."""

    def use(*identity_keys, secret=None, fallbacks=None):
        settings.SALT_KEY = list(identity_keys)
        if secret is not None:
            settings.SECRET_KEY = secret
        if fallbacks is not None:
            settings.SECRET_KEY_FALLBACKS = fallbacks
        forget_cached_keys()

    yield use
    forget_cached_keys()  # derived again from the restored settings on next use


def real_name_case(village, **fields):
    return factories.complaint(village, real_name=True, **{**IDENTITY, **fields}).case


def stored(case, column="reporter_name"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM supervision_complaint WHERE id = %s", [case.pk])  # noqa: S608
        return cursor.fetchone()[0]


def run(*args) -> str:
    out = StringIO()
    call_command("reencrypt_identities", *args, stdout=out)
    return out.getvalue()


def identity_of(case) -> dict:
    case = Complaint.objects.get(pk=case.pk)
    return {name: getattr(case, name) for name in IDENTITY}


def test_after_rotation_the_new_key_alone_reads_every_identity(tree, keys):
    keys("key-A")
    case = real_name_case(tree.xigu)
    anonymous = factories.complaint(tree.xigu).case
    keys("key-B")
    assert identity_of(case) != IDENTITY  # without the old key nothing reads (the test can fail)

    keys("key-B", "key-A")  # step 1: the new key in front, the old one behind
    # Four identity fields, plus the two cases' sealed PINs.
    assert "已重新加密 6 个，0 个已是当前密钥" in run()

    keys("key-B")  # step 2: the old key dropped
    assert identity_of(case) == IDENTITY
    assert Complaint.objects.get(pk=anonymous.pk).reporter_name is None
    assert "张某某" not in stored(case)
    assert "已重新加密 0 个，6 个已是当前密钥" in run()  # idempotent


def test_a_dry_run_writes_nothing(tree, keys):
    keys("key-A")
    case = real_name_case(tree.xigu)
    before = stored(case)
    keys("key-B", "key-A")
    out = run("--dry-run")
    assert "需要重新加密 5 个" in out and "未写入" in out
    assert stored(case) == before


def test_a_value_no_key_opens_is_named_and_left_alone(tree, keys):
    keys("key-A")
    case = real_name_case(tree.xigu)
    before = stored(case)
    keys("key-C")
    with pytest.raises(CommandError) as error:
        run()
    assert "无法解密" in str(error.value) and f"#{case.pk} reporter_name" in str(error.value)
    assert stored(case) == before  # not wrapped in a second layer of encryption
    keys("key-A")
    assert identity_of(case) == IDENTITY


def test_a_new_hash_key_recomputes_hashes_so_repeats_still_match(tree, keys, settings):
    keys("key-A")
    case = real_name_case(tree.xigu)
    old_hash = Complaint.objects.get(pk=case.pk).identity_hash

    settings.IDENTITY_HASH_KEY = "a-new-hash-key"
    out = run()
    assert "已重算身份哈希 1 件" in out and "IDENTITY_HASH_KEY" in out
    rotated = Complaint.objects.get(pk=case.pk)
    assert rotated.identity_hash != old_hash
    assert (rotated.identity_hash, rotated.id_number_hash) == identity_hashes(
        IDENTITY["reporter_name"], IDENTITY["reporter_contact"], IDENTITY["reporter_id_number"]
    )
    # The same person reporting again after the rotation is recognised as the same person.
    repeat = real_name_case(tree.awu_village, reporter_contact="+86 138 0000 1234")
    assert repeat.identity_hash == rotated.identity_hash
    assert "已重算身份哈希 0 件" in run()


def test_a_new_secret_key_with_the_old_one_as_fallback(tree, keys):
    keys("key-A", secret="old-secret-key")
    case = real_name_case(tree.xigu)
    keys("key-A", secret="new-secret-key", fallbacks=["old-secret-key"])
    assert "已重新加密 5 个" in run()
    keys("key-A", secret="new-secret-key", fallbacks=[])
    assert identity_of(case) == IDENTITY


def test_disclosure_raw_values_are_rotated_too(tree, keys):
    """The unmasked names and numbers behind a public subsidy row (issue 10) are sealed with the
    same keys: a rotation rewrites them and they stay readable under the new key alone."""
    from disclosures.models import SubsidyRow

    keys("key-A")
    page = factories.disclosure(tree.xigu, rows=factories.subsidy_values(1))
    keys("key-B", "key-A")
    assert "已重新加密 1 个" in run()
    keys("key-B")
    row = SubsidyRow.objects.get(table=page.table)
    assert row.raw["household"] == "张三明"
    assert row.raw["id_number"].startswith("621026")
    assert "已重新加密 0 个，1 个已是当前密钥" in run()
