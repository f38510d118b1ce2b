"""`make bench`: the portal's benchmark harness (``python -m tests.bench``).

A run builds a fresh database (temporary SQLite, or BENCH_DATABASE_URL), migrates it, loads the
Longnan demo and collects static files, all with production settings; counts the SQL queries of
each page in-process; serves the site with gunicorn; drives it with a small threaded load
generator; prints a table and writes var/bench/results.json. docs/benchmarks.md explains the
figures. Cases live in tests.bench.cases (one line each).

No module here is named test_*.py: pytest must not collect the bench.
"""
