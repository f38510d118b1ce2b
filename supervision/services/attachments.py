"""Files sent with a complaint: type read from the content (never the name or the browser's
word for it), size capped, stored outside the public media folder under a name derived from the
content hash (supervision/models.py CaseAttachment)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_TOTAL_BYTES = 20 * 1024 * 1024

# (content type, extension, label) by signature. Images a phone takes, PDF scans and the audio
# formats phones record (AMR is what many Chinese feature phones save).
ACCEPTED_LABEL = "JPG、PNG、WebP、GIF 图片，PDF，MP3、M4A、AMR、WAV、OGG 录音"


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def sniff(head: bytes) -> Sniffed | None:
    """The file's real type from its first bytes, or None if it is not one we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", ".jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", ".png")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image/gif", ".gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image/webp", ".webp")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Sniffed("audio/wav", ".wav")
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", ".pdf")
    if head.startswith(b"#!AMR"):
        return Sniffed("audio/amr", ".amr")
    if head.startswith(b"OggS"):
        return Sniffed("audio/ogg", ".ogg")
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return Sniffed("audio/mpeg", ".mp3")
    if head[4:8] == b"ftyp" and head[8:12] in (b"M4A ", b"mp42", b"isom", b"M4B ", b"3gp4"):
        return Sniffed("audio/mp4", ".m4a")
    return None


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    original_name: str
    content_type: str
    extension: str
    size: int
    sha256: str


def check_uploads(files) -> list[CheckedFile]:
    """Validate every file before anything is written; raise one ValidationError listing each
    problem in Chinese, naming the file."""
    files = [f for f in files if f]
    errors: list[str] = []
    if len(files) > MAX_FILES:
        raise ValidationError(_("最多上传 %(n)d 个附件。") % {"n": MAX_FILES})
    total = 0
    checked: list[CheckedFile] = []
    for upload in files:
        name = os.path.basename(upload.name or "")[:200] or _("附件")
        total += upload.size or 0
        if not upload.size:
            errors.append(_("“%(name)s”是空文件。") % {"name": name})
            continue
        if upload.size > MAX_FILE_BYTES:
            errors.append(
                _("“%(name)s”太大（%(size)s），每个附件不能超过 %(max)s。")
                % {
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(MAX_FILE_BYTES),
                }
            )
            continue
        upload.seek(0)
        kind = sniff(upload.read(16))
        if kind is None:
            errors.append(
                _("“%(name)s”不是可接受的文件类型（按文件内容判断）。可以上传：%(types)s。")
                % {"name": name, "types": ACCEPTED_LABEL}
            )
            continue
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        checked.append(
            CheckedFile(
                upload, name, kind.content_type, kind.extension, upload.size, digest.hexdigest()
            )
        )
    if total > MAX_TOTAL_BYTES:
        errors.append(_("附件合计不能超过 %(max)s。") % {"max": filesizeformat(MAX_TOTAL_BYTES)})
    if errors:
        raise ValidationError(errors)
    return checked
