import pytest
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _default_language():
    """Django leaves the last request's language active in the thread; page.url depends on it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters, cached PDFs and pages from
    one test must not decide another's outcome."""
    from django.core.cache import cache

    from supervision.services.workdays import forget_calendar

    cache.clear()
    forget_calendar()  # each test's database has its own calendar rows
    yield


@pytest.fixture
def tree(db):
    return factories.build_tree()


@pytest.fixture
def admin(db):
    """A superuser (password "pw")."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")


@pytest.fixture
def editor(tree):
    """阿坞镇's township editor."""
    from villages.models import Role

    return factories.staff_user("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu)


@pytest.fixture(autouse=True)
def _fail_on_print(capsys):
    """A test must not print (cfpb's rule): output hides in CI logs and usually means a leftover
    debugging line."""
    yield
    captured = capsys.readouterr()
    assert not captured.out, f"test printed to stdout: {captured.out[:200]!r}"
