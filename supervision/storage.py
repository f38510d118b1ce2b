"""Where case attachments live: STORAGES["case_files"], a folder the web server never publishes
(outside MEDIA_ROOT). Attachments are served by supervision's views after the access check."""

from django.core.files.storage import storages


def case_files_storage():
    # A callable, so the storage is looked up when used (tests point it at a temporary folder).
    return storages["case_files"]
