"""Query counting for tests that pin how many SQL queries a page takes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def render_queries(client, url) -> int:
    """Queries for a second GET of `url` (the first warms the site-root cache, as any running
    server has); the page must answer 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
