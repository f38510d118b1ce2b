"""The disk holding complaint attachments is full while a villager sends one with a photo: a
real tmpfs of 1 MB (mounted by the fixture) filled up to the last byte. The villager gets a clear
Chinese page with what they typed and the same one-time key; no case is written, and no file
(whole or partial) is left on the disk. Once space is freed the same form sent again makes
exactly one case, with its photo."""

from __future__ import annotations

import contextlib
import errno
import time

import pytest

from .clients import FORM, Tally, Villager, assert_each_acknowledged_once

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 400  # about 100 KB


def _fill(path) -> None:
    chunk = b"\0" * 65536
    with path.open("wb") as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    with contextlib.suppress(OSError), path.open("ab") as out:  # the last partial page
        while True:
            out.write(b"\0")
            out.flush()


def _files(world) -> set[str]:
    return {
        str(p.relative_to(world.case_files)) for p in world.case_files.rglob("*") if p.is_file()
    }


def test_a_full_disk_keeps_nothing_and_the_same_form_later_makes_one_case(world, site):
    if not world.mounted:
        pytest.skip("could not mount a tmpfs for the attachments (needs root and mount rights)")
    filler = world.case_files / "filler"
    _fill(filler)
    before = _files(world)

    tally = Tally()
    villager = Villager(site.base, tally)
    data = villager.form(tally.number(), time.monotonic() + 30)
    files = {"attachments": ("公示栏.png", PNG, "image/png")}
    url = site.base + FORM
    full = villager.session.post(url, data=data, files=files, headers={"Referer": url}, timeout=30)

    assert full.status_code == 503
    assert "附件暂时无法保存，您的反映尚未提交" in full.text
    assert data["description"] in full.text  # what was typed is kept
    assert f'value="{data["submission_key"]}"' in full.text  # and the one-time key
    assert _files(world) == before  # no partial file
    assert_each_acknowledged_once(world, tally)
    assert world.sql(
        "SELECT count(*) FROM supervision_complaint WHERE description = %s", [data["description"]]
    ) == [(0,)]

    filler.unlink()  # room again
    sent = villager.session.post(url, data=data, files=files, headers={"Referer": url}, timeout=30)
    assert sent.status_code == 200
    again = villager.session.post(url, data=data, files=files, headers={"Referer": url}, timeout=30)
    assert again.status_code == 200
    rows = world.sql(
        "SELECT c.receipt_code, a.file, a.size FROM supervision_complaint c "
        "JOIN supervision_caseattachment a ON a.case_id = c.id WHERE c.description = %s",
        [data["description"]],
    )
    assert len(rows) == 1, rows  # one case, one attachment, the resend answered with it
    code, name, size = rows[0]
    assert code in sent.text.replace("-", "") and code in again.text.replace("-", "")
    assert size == len(PNG) and (world.case_files / name).read_bytes() == PNG
    # The one new file; the demo's own attachments (present when this run seeded the demo rather
    # than restoring a saved dump) are left as they were.
    assert _files(world) == (before - {"filler"}) | {name}
