import pytest


@pytest.fixture
def pdfs_in_tmp(settings, tmp_path):
    """Stored PDFs and media of this test only."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def var_in_tmp(settings, tmp_path):
    """Staged uploads (settings.VAR_DIR/imports) of this test only."""
    settings.VAR_DIR = tmp_path
