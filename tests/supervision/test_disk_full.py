"""A full disk while a complaint's attachments are written (Part 9, faults): the villager gets a
clear Chinese page with what they typed, nothing is half-written (no case without its files, no
file without its case, no truncated file), and the same form sent again once there is room makes
exactly one case.

The full disk is an OSError(ENOSPC) raised by os.fsync, after the file's bytes went to the
temporary file, which is where a real full disk shows up at the latest. The real thing, a tiny
full tmpfs under gunicorn, is tests/faults/test_disk_full.py.
"""

from __future__ import annotations

import errno
import os
import re

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.base.storage import CompleteFileSystemStorage
from supervision.models import CaseAttachment, Complaint
from tests.supervision.test_online_form import (
    DESCRIPTION,
    KEY,
    PNG,
    assert_nothing_written,
    fresh_key,
    post,
    receipt_of,
    stored_files,
)

JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 200


def _full_disk_from_call(monkeypatch, failing_call: int):
    """os.fsync raises ENOSPC from its `failing_call`-th call on."""
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] >= failing_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _photos():
    return [
        SimpleUploadedFile("公示栏.png", PNG, content_type="image/png"),
        SimpleUploadedFile("名单.jpg", JPEG, content_type="image/jpeg"),
    ]


def test_a_full_disk_keeps_nothing_and_the_same_form_sent_later_makes_one_case(
    client, tree, monkeypatch
):
    before = stored_files()
    key = fresh_key(client, tree.xigu)
    # The first file is written whole, the second finds the disk full.
    _full_disk_from_call(monkeypatch, 2)
    response = post(client, tree.xigu, key=key, files=_photos())

    assert response.status_code == 503
    body = response.content.decode()
    assert "附件暂时无法保存，您的反映尚未提交" in body
    assert "请重新选择" in body  # the files must be chosen again; the text is kept
    assert DESCRIPTION in body
    assert KEY.search(body).group(1) == key  # the same one-time key: a resend is the same case
    assert_nothing_written(before)  # not the first file either, nor a partial one

    monkeypatch.undo()  # room again
    code, _pin = receipt_of(post(client, tree.xigu, key=key, files=_photos()))
    case = Complaint.objects.get()
    assert case.receipt_code == code.replace("-", "")
    assert CaseAttachment.objects.filter(case=case).count() == 2
    assert len(stored_files() - before) == 2

    again, _pin = receipt_of(post(client, tree.xigu, key=key, files=_photos()))
    assert again == code and Complaint.objects.count() == 1


def test_the_storage_writes_a_file_whole_or_not_at_all(tmp_path, monkeypatch):
    storage = CompleteFileSystemStorage(location=tmp_path)
    name = storage.save("a/photo.png", ContentFile(b"x" * 1000))
    assert (tmp_path / name).read_bytes() == b"x" * 1000

    # The same name again: the next free name, the first file untouched.
    second = storage.save("a/photo.png", ContentFile(b"y" * 10))
    assert second != name and re.match(r"a/photo_\w+\.png", second)
    assert (tmp_path / name).read_bytes() == b"x" * 1000

    _full_disk_from_call(monkeypatch, 1)
    try:
        storage.save("a/third.png", ContentFile(b"z" * 1000))
    except OSError as error:
        assert error.errno == errno.ENOSPC
    else:
        raise AssertionError("a full disk must fail the save")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        [os.path.basename(name), os.path.basename(second)]
    )
