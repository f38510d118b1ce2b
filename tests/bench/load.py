"""A small, cheap HTTP/1.1 load generator: a fixed number of client threads, each with one raw
socket that it keeps alive when the server allows it.

Why not http.client: it parses every response's headers with the email package. Against the
trivial view this client used 0.19 ms of CPU per request, http.client 0.26 ms and asyncio streams
0.30 ms (2026-11-26), and on a 2-core machine the client competes with gunicorn for the same
cores. Here a request is one sendall() and a few recv() calls; the threads block in the kernel
(GIL released) while the server works.

gunicorn's default sync worker answers "Connection: close" to every request, so against it each
request opens a new TCP connection (as it would behind nginx); the connect is part of the
measured latency.
"""

from __future__ import annotations

import itertools
import math
import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

RECV_BYTES = 256 * 1024
USER_AGENT = "xiaowei-bench/1"


class LoadError(Exception):
    """A malformed or truncated response."""


class Connection:
    def __init__(self, host: str, port: int, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock: socket.socket | None = None
        self.connects = 0

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.connects += 1
        return sock

    def request_bytes(self, path: str, headers: dict[str, str] | None = None) -> bytes:
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        return (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"User-Agent: {USER_AGENT}\r\nAccept: text/html,*/*\r\n{extra}\r\n"
        ).encode("ascii")

    def get(self, path: str, keep_body: bool = False) -> tuple[int, int, bytes]:
        return self.send(self.request_bytes(path), keep_body)

    def send(self, payload: bytes, keep_body: bool = False) -> tuple[int, int, bytes]:
        """One request; returns (status, body bytes, body if keep_body). Retries once on a fresh
        connection when a kept-alive socket turns out to be closed by the server."""
        reused = self.sock is not None
        try:
            return self._exchange(payload, keep_body)
        except (ConnectionError, LoadError):
            self.close()
            if not reused:
                raise
            return self._exchange(payload, keep_body)

    def _exchange(self, payload: bytes, keep_body: bool) -> tuple[int, int, bytes]:
        sock = self.sock or self._connect()
        sock.sendall(payload)
        recv = sock.recv
        buf = b""
        while True:
            chunk = recv(RECV_BYTES)
            if not chunk:
                raise LoadError("connection closed before the response headers")
            buf += chunk
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                break
        head = buf[:end]
        body = buf[end + 4 :]
        try:
            status = int(head[9:12])
        except ValueError as error:
            raise LoadError(f"bad status line {head[:60]!r}") from error
        length, close, chunked = None, False, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        if length is not None:
            while len(body) < length:
                chunk = recv(RECV_BYTES)
                if not chunk:
                    raise LoadError(f"body truncated at {len(body)} of {length} bytes")
                body += chunk
        elif chunked:
            body = self._read_chunked(body)
        else:
            close = True
            while chunk := recv(RECV_BYTES):
                body += chunk
        if close:
            self.close()
        return status, len(body), body if keep_body else b""

    def _read_chunked(self, data: bytes) -> bytes:
        body, pos = b"", 0
        while True:
            while (eol := data.find(b"\r\n", pos)) < 0:
                data += self._recv_more()
            size = int(data[pos:eol].split(b";")[0], 16)
            start, stop = eol + 2, eol + 2 + size
            while len(data) < stop + 2:
                data += self._recv_more()
            if size == 0:
                return body  # trailers are not used by Django
            body += data[start:stop]
            pos = stop + 2

    def _recv_more(self) -> bytes:
        chunk = self.sock.recv(RECV_BYTES) if self.sock else b""
        if not chunk:
            raise LoadError("chunked body truncated")
        return chunk


@dataclass
class LoadResult:
    """The raw outcome of one or more load runs of one case (merged with ``add``)."""

    requests: int = 0
    wall_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    sizes: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # exceptions, by repr
    client_cpu_s: float = 0.0
    # CPU seconds of named process groups ("server": gunicorn, "database": PostgreSQL backends);
    # a group whose /proc entries could not be read is absent.
    cpu_s: dict[str, float] = field(default_factory=dict)
    connects: int = 0
    rounds: list[dict] = field(default_factory=list)

    def add(self, other: LoadResult) -> None:
        self.requests += other.requests
        self.wall_s += other.wall_s
        self.latencies_s += other.latencies_s
        self.statuses += other.statuses
        self.sizes += other.sizes
        self.errors += other.errors
        first = not self.rounds
        self.client_cpu_s += other.client_cpu_s
        for group in set(self.cpu_s) | set(other.cpu_s):
            if (first or group in self.cpu_s) and group in other.cpu_s:
                self.cpu_s[group] = self.cpu_s.get(group, 0.0) + other.cpu_s[group]
            else:
                self.cpu_s.pop(group, None)  # missing in one round: no total
        self.connects += other.connects
        self.rounds.append(
            {
                "requests": other.requests,
                "wall_s": round(other.wall_s, 4),
                "rps": round(other.requests / other.wall_s, 1) if other.wall_s else None,
                **{
                    f"{group}_cpu_ms_per_req": round(seconds * 1000 / other.requests, 3)
                    for group, seconds in other.cpu_s.items()
                },
            }
        )

    @property
    def failures(self) -> int:
        non_200 = sum(n for status, n in self.statuses.items() if status != 200)
        return non_200 + sum(self.errors.values())


_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_s(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each readable process (Linux /proc)."""
    seconds = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / _CLK_TCK  # utime, stime
    return seconds


def cpu_delta(before: dict[int, float], after: dict[int, float]) -> float | None:
    """CPU used between two samples. A process found only in ``after`` started in between and
    counts in full; one that exited in between is lost (it is no longer in /proc). None when
    nothing could be read (no /proc, or a server on another machine)."""
    if not after:
        return None
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def run_load(
    host: str,
    port: int,
    path: str,
    requests: int,
    concurrency: int,
    cpu_groups: dict[str, Callable[[], list[int]]] | None = None,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Send ``requests`` GETs of ``path`` from ``concurrency`` threads; wall time runs from the
    first request to the last response. ``cpu_groups`` names groups of processes (a function
    listing their pids, asked before and after the run) whose CPU time is recorded."""
    cpu_groups = cpu_groups or {}
    counter = itertools.count()
    connections = [Connection(host, port, timeout) for _ in range(concurrency)]
    per_thread = [([], Counter(), Counter(), Counter()) for _ in range(concurrency)]
    start_gate = threading.Barrier(concurrency + 1)

    def client(conn: Connection, out) -> None:
        latencies, statuses, sizes, errors = out
        payload = conn.request_bytes(path, headers)
        perf = time.perf_counter
        start_gate.wait()
        while next(counter) < requests:
            started = perf()
            try:
                status, size, _ = conn.send(payload)
            except (OSError, LoadError) as error:
                conn.close()
                errors[f"{type(error).__name__}: {error}"] += 1
                continue
            latencies.append(perf() - started)
            statuses[status] += 1
            sizes[size] += 1
        conn.close()

    threads = [
        threading.Thread(target=client, args=(conn, out), daemon=True)
        for conn, out in zip(connections, per_thread, strict=True)
    ]
    for thread in threads:
        thread.start()
    pids_before = {group: list_pids() for group, list_pids in cpu_groups.items()}
    cpu_before = {group: process_cpu_s(pids) for group, pids in pids_before.items()}
    client_before = time.process_time()
    start_gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    client_cpu = time.process_time() - client_before
    cpu_after = {
        group: process_cpu_s(sorted(set(pids_before[group]) | set(list_pids())))
        for group, list_pids in cpu_groups.items()
    }

    result = LoadResult(requests=requests, wall_s=wall, client_cpu_s=client_cpu)
    for latencies, statuses, sizes, errors in per_thread:
        result.latencies_s += latencies
        result.statuses += statuses
        result.sizes += sizes
        result.errors += errors
    result.connects = sum(conn.connects for conn in connections)
    for group in cpu_groups:
        delta = cpu_delta(cpu_before[group], cpu_after[group])
        if delta is not None:
            result.cpu_s[group] = delta
    return result


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = math.ceil(fraction * len(sorted_values) - 1e-9)
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]
