"""File storage that writes a file completely or not at all.

Django's FileSystemStorage writes an upload straight under its final name; when the disk fills
up halfway the truncated file stays behind, named like a real one, with no record pointing at it.
CompleteFileSystemStorage writes to a hidden temporary name in the same folder and links it under
its final name only once every byte is written and synced; a failed write removes the temporary
file. The final name is claimed with link(), which fails if the name exists, exactly like the
O_EXCL open it replaces (the caller then gets the next free name).
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from django.core.files.storage import FileSystemStorage


class CompleteFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(temporary, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
