"""`make backup` / `make restore` (portal/management/backup.py): a populated site backed up and
restored into a fresh database and fresh folders comes back whole (every case, event, list and
disclosure, every file by checksum, a reporter's identity still readable with the same keys);
a tampered or incomplete backup, one made by newer code and one that would overwrite content
are refused; old backups are pruned by the keep policy.

On SQLite (the default) the fresh database is a second file; with DATABASE_URL set to
PostgreSQL it is a second database, created and dropped here.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from wagtail.documents import get_document_model

from disclosures.models import (
    DisclosureAttachment,
    DisclosurePage,
    DisclosureTable,
    OfficeHolder,
    PowerCatalogPage,
    PowerItemPage,
    PowerStep,
    RiskPoint,
    SubsidyRow,
)
from portal.management import backup
from supervision.models import (
    CaseAttachment,
    CaseEvent,
    Complaint,
    ComplaintCategory,
    IdentityAccess,
    LegalHold,
)
from supervision.services import workflow
from supervision.services.attachments import check_uploads
from tests import factories
from villages.models import Role, VillagePage

# pg_dump and the SQLite backup read committed data: these tests commit (and flush after).
needs_committed_data = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Everything a user would miss after a restore: the cases and their history, the lists and the
# disclosures with their rows and files.
COMPARED = [
    ComplaintCategory,
    Complaint,
    CaseEvent,
    CaseAttachment,
    LegalHold,
    IdentityAccess,
    VillagePage,
    OfficeHolder,
    PowerCatalogPage,
    PowerItemPage,
    PowerStep,
    RiskPoint,
    DisclosurePage,
    DisclosureTable,
    SubsidyRow,
    DisclosureAttachment,
]


def snapshot(alias: str) -> dict[str, list]:
    from wagtail.models import Page

    models = [*COMPARED, Page, get_document_model()]
    return {
        model._meta.label: json.loads(
            serializers.serialize("json", model._base_manager.using(alias).order_by("pk"))
        )
        for model in models
    }


def checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(tree, settings, tmp_path):
    """Lists, a disclosure with rows and a file, and cases on every stage with events, files,
    a real-name reporter and legal holds (one lifted)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    petition = factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)
    jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    village = tree.awu_village
    village.office_holders.add(OfficeHolder(office=factories.office(), name="王建军"))
    village.save()
    catalog = factories.catalog(village)
    item = factories.power_item(
        catalog,
        "A01",
        "低保评议",
        steps=[{"actor": "村民小组", "action": "申请"}, {"actor": "村两委", "action": "评议"}],
        risks=[{"description": "优亲厚友"}],
    )
    page = factories.disclosure(village, rows=factories.subsidy_values(4))
    document = get_document_model().objects.create(
        title="公示照片", file=ContentFile(b"%PDF-1.4 notice board", name="board.pdf")
    )
    page.attachments.add(DisclosureAttachment(document=document, caption="公示栏"))
    page.save_revision().publish()
    storages["pdfs"].save("pdfs/booklet-test.pdf", ContentFile(b"%PDF-1.4 booklet"))

    named = factories.complaint(
        village,
        channel="letter",
        actor=petition,
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
        reporter_id_number="621026198001010011",
        power_item=item,
        files=check_uploads([SimpleUploadedFile("现场照片.png", PNG, "image/png")]),
    ).case
    steps = [
        ("accept", petition, {}),
        ("assign", petition, {"unit": "阿坞镇纪委", "handler": jiwei}),
        ("start", jiwei, {}),
        ("conclude", jiwei, {"public_text": "已办结。"}),
    ]
    for name, actor, data in steps:
        workflow.perform(actor, named, name, data)
    open_case = factories.complaint(tree.xigu).case
    workflow.perform(petition, open_case, "accept", {})
    LegalHold.objects.create(case=named, reason="纪律审查需要", placed_by=petition)
    LegalHold.objects.create(
        case=open_case,
        reason="诉讼",
        placed_by=petition,
        lifted_by=petition,
        lifted_at=named.created_at,
        lift_reason="诉讼结束",
    )
    IdentityAccess.objects.create(case=named, user=petition, context="案件页面")
    return named


@pytest.fixture
def restored_alias(tmp_path):
    """A second, empty database under the alias "restored"."""
    default = connections["default"].settings_dict
    postgres = connections["default"].vendor == "postgresql"
    name = f"backup_rt_{os.getpid()}" if postgres else str(tmp_path / "restored.sqlite3")
    if postgres:
        _admin_sql(f'CREATE DATABASE "{name}"')
    # Made by hand, not listed in settings: Django's test case allows such a connection.
    wrapper = load_backend(default["ENGINE"]).DatabaseWrapper(
        {**default, "NAME": name}, alias="restored"
    )
    connections["restored"] = wrapper
    yield "restored"
    wrapper.close()
    del connections["restored"]
    if postgres:
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}"')


def _admin_sql(sql: str) -> None:
    import psycopg

    params = connections["default"].settings_dict
    with psycopg.connect(
        dbname="postgres",
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


@needs_committed_data
def test_a_populated_site_round_trips_whole(site, restored_alias, tmp_path):
    roots = backup.file_roots()
    made = backup.create_backup(tmp_path / "backups")
    manifest = json.loads((made / backup.MANIFEST).read_text("utf-8"))
    assert manifest["row_counts"]["supervision.Complaint"] == 2
    assert manifest["row_counts"]["supervision.LegalHold"] == 2
    newest = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("supervision")
    assert manifest["migrations"]["supervision"][-1] == newest[0][1]  # what the code has
    assert manifest["keys_included"] is False
    assert any(name.startswith("case-files/") for name in manifest["archive_contents"])

    targets = {name: tmp_path / "restored" / name for name in roots}
    result = backup.restore_backup(made, alias=restored_alias, roots=targets)

    assert result.count_mismatches == {} and result.missing_migrations == []
    before, after = snapshot("default"), snapshot(restored_alias)
    for label in before:
        assert after[label] == before[label], label
    assert len(after["supervision.CaseEvent"]) >= 6
    assert len(after["disclosures.SubsidyRow"]) == 4
    for name, root in roots.items():
        assert checksums(targets[name]) == checksums(root), name
    assert checksums(targets["case-files"]) and checksums(targets["media"])
    # The identity is stored encrypted and reads back with the same keys.
    case = Complaint.objects.using(restored_alias).get(pk=site.pk)
    assert (case.reporter_name, case.reporter_contact) == ("张某某", "13800001234")
    assert case.reporter_id_number == "621026198001010011"
    active = LegalHold.objects.using(restored_alias).get(case=site)
    assert active.active and active.reason == "纪律审查需要"

    # A second restore over what is now there is refused unless forced.
    with pytest.raises(backup.BackupError, match="已有内容"):
        backup.restore_backup(made, alias=restored_alias, roots=targets)
    forced = backup.restore_backup(made, alias=restored_alias, roots=targets, force=True)
    assert forced.count_mismatches == {}
    assert {p.name.split(".before-restore-")[0] for p in forced.kept_folders} == {
        "media",
        "pdfs",
        "case-files",
    }
    for name, root in roots.items():
        assert checksums(targets[name]) == checksums(root), name


@needs_committed_data
def test_tampered_incomplete_and_newer_backups_are_refused(
    site, restored_alias, tmp_path, monkeypatch
):
    out = io.StringIO()
    call_command("backup", f"--dir={tmp_path / 'backups'}", stdout=out)
    (made,) = (tmp_path / "backups").iterdir()
    assert f"备份完成 (backup written): {made}" in out.getvalue()
    assert "IDENTITY_KEYS" in out.getvalue()  # the keys are not in it: said every time
    targets = {name: tmp_path / "restored" / name for name in backup.file_roots()}
    database_file = made / json.loads((made / backup.MANIFEST).read_text())["database"]["file"]

    tampered = tmp_path / "tampered"
    shutil.copytree(made, tampered)
    with open(tampered / backup.FILES_ARCHIVE, "r+b") as handle:
        handle.seek(600)
        byte = handle.read(1)
        handle.seek(600)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(backup.BackupError, match=r"files\.tar 的校验值不符"):
        backup.restore_backup(tampered, alias=restored_alias, roots=targets)

    incomplete = tmp_path / "incomplete"
    shutil.copytree(made, incomplete)
    (incomplete / backup.MANIFEST).unlink()
    with pytest.raises(backup.BackupError, match="没有做完的备份"):
        backup.restore_backup(incomplete, alias=restored_alias, roots=targets)
    with pytest.raises(CommandError, match="没有做完的备份"):
        call_command("restore", str(incomplete))

    newer = tmp_path / "newer"
    shutil.copytree(made, newer)
    manifest = json.loads((newer / backup.MANIFEST).read_text())
    manifest["migrations"]["supervision"].append("0099_from_the_future")
    (newer / backup.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match=r"supervision\.0099_from_the_future"):
        backup.restore_backup(newer, alias=restored_alias, roots=targets)

    # The disk fills while the files are unpacked: the database has not been touched yet.
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(tarfile.TarFile, "extractall", no_space)
        with pytest.raises(OSError, match="No space"):
            backup.restore_backup(made, alias=restored_alias, roots=targets)
    assert not any(p.name.startswith(".restore-") for p in (tmp_path / "restored").iterdir())

    # Someone still connected to the target database (a running site): refused, even forced.
    if connections[restored_alias].vendor == "postgresql":
        import psycopg

        params = connections[restored_alias].settings_dict
        with (
            psycopg.connect(
                dbname=params["NAME"],
                host=params.get("HOST") or None,
                port=params.get("PORT") or None,
                user=params.get("USER") or None,
                password=params.get("PASSWORD") or None,
                application_name="gunicorn",
            ),
            pytest.raises(backup.BackupError, match=r"还有 1 个连接.*gunicorn@"),
        ):
            backup.restore_backup(made, alias=restored_alias, roots=targets, force=True)
    else:
        assert backup.other_sessions(restored_alias) == []  # SQLite: nothing to ask

    # Nothing was written by any refusal: the target is still empty, the folders absent.
    assert not backup.database_has_content(restored_alias)
    assert not any(p.exists() for p in targets.values())
    assert database_file.exists()


def test_prune_keeps_daily_weekly_monthly_and_drops_stale_incomplete(tmp_path):
    now = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)
    root = tmp_path / "backups"
    made = []
    for days in range(0, 370):  # one backup a night for a year and a bit
        when = now - datetime.timedelta(days=days)
        directory = root / when.strftime(backup.STAMP)
        directory.mkdir(parents=True)
        (directory / backup.MANIFEST).write_text("{}")
        made.append(directory)
    stale = root / ((now - datetime.timedelta(days=2, hours=1)).strftime(backup.STAMP) + "-2")
    running = root / (now - datetime.timedelta(hours=1)).strftime(backup.STAMP)
    stale.mkdir()
    running.mkdir()
    (root / "notes").mkdir()  # not a backup: left alone

    plan = backup.prune_backups(root, now=now)
    kept = {d.name for d in plan.keep}
    assert running.name in kept and stale in plan.remove
    complete = [d for d in plan.keep if (d / backup.MANIFEST).exists()]
    # 7 nights, then the newest of each of the 4 weeks and 12 months (overlapping the nights).
    assert made[0] in complete and all(made[i] in complete for i in range(7))
    assert made[7] not in complete and made[8] not in complete
    assert made[369] not in complete
    assert 7 < len(complete) <= 7 + 4 + 12
    months = {(d.name[:6]) for d in complete}
    assert len(months) == 12
    assert (root / "notes").is_dir()
    assert not stale.exists() and all(not d.exists() for d in plan.remove)
    # Idempotent: a second run removes nothing more.
    assert backup.prune_backups(root, now=now).remove == []
