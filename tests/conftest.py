import pytest

from tests import factories


@pytest.fixture
def tree(db):
    return factories.build_tree()


@pytest.fixture(autouse=True)
def _fail_on_print(capsys):
    """A test must not print (cfpb's rule): output hides in CI logs and usually means a leftover
    debugging line."""
    yield
    captured = capsys.readouterr()
    assert not captured.out, f"test printed to stdout: {captured.out[:200]!r}"
