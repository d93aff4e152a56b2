"""The API's latency under load: `/api/events` over a million events, against a baseline in the
same run.

A store of generated events (tests/generated_events.py: 40 countries a batch of 100,000, a few
hundred places each, two years) is built, or reused with `--db`. The queries are what a map user
sends: a box 2-6 degrees wide around a place events happen at (drawn from the store) and 30-91
days of 2023-2024, `GET /api/events?bbox=...&date_from=...&date_to=...&limit=100`.

1. **baseline**: the same queries, one after another, straight on DuckDB in this process
   (`frontlines.serve.reads.list_events`, the function the endpoint calls: the page and its
   total, without HTTP, validation or JSON);
2. **API, one at a time**: the server in a process of its own, as `frontlines serve` runs it (one
   uvicorn worker, read-only), asked one query after another over loopback: the latency of a
   lone request, and the server's CPU time a request (what each costs it, whatever the rate);
3. **API, open loop**: requests leave on a fixed schedule whatever the answers, each timed from
   the moment it was due to its last byte, so a server that falls behind shows it as queueing (a
   closed loop would hide it). A rate runs for a warm-up and then `--duration` seconds, of which
   only the latter is measured; it fails when its p95 reaches 100 ms or any request fails (a
   status other than 200, or no answer within 10 s; percentiles count a failed request as slower
   than any answer, and print as - when they fall among them). From `--rate` (100/s) the rate
   steps up while it passes, or down while it fails.

Prints p50/p95/p99 and errors at 100 requests/s (target: p95 <= 50 ms) and at each other rate
tried, the largest rate whose p95 stays under 100 ms, and the API's p95 as a ratio of the
baseline's. The load generator shares the machine's cores with the server, and so does anything
else running: the last line gives the load average.

    python bench/api.py [--events 1000000] [--db PATH] [--rate 100] [--duration 20]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY, LAST_DAY = dt.date(2023, 1, 1), dt.date(2024, 12, 30)
TARGET_P95, LIMIT_P95 = 0.050, 0.100
_SERVER = """
import sys
import uvicorn
from frontlines.serve.app import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


@dataclass(frozen=True, slots=True)
class Query:
    bbox: tuple[float, float, float, float]
    date_from: dt.date
    date_to: dt.date

    def path(self) -> str:
        box = ",".join(f"{v:.4f}" for v in self.bbox)
        return (f"/api/events?bbox={box}&date_from={self.date_from.isoformat()}"
                f"&date_to={self.date_to.isoformat()}&limit=100")


@dataclass(frozen=True, slots=True)
class Run:
    rate: float
    sent: int
    latencies: list[float]  # seconds, of the requests answered with 200
    errors: Counter[str]  # how the others failed: a status, "timeout" or "connection"
    server_cpu: float  # CPU time over the measured part, in cores: the server's ...
    client_cpu: float  # ... and the load generator's

    def percentile(self, p: float) -> float:
        """Of all requests sent: one that failed counts as slower than any answer (inf)."""
        ordered = sorted(self.latencies) + [float("inf")] * sum(self.errors.values())
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered \
            else float("inf")

    def passed(self) -> bool:
        return not self.errors and self.percentile(95) < LIMIT_P95

    def failures(self) -> str:
        count = sum(self.errors.values())
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in self.errors.most_common())
        return f"errors {count:,}/{self.sent:,}" + (f" ({kinds})" if kinds else "")


def _ms(seconds: float) -> str:
    """Milliseconds; '-' for a percentile among the requests that failed."""
    return f"{seconds * 1000:7.1f} ms" if seconds != float("inf") else "      - ms"


# The store ------------------------------------------------------------------------------------
def prepare_store(path: Path, events: int) -> float | None:
    """Build the store at `path` with `events` generated events, or reuse it when it has them.
    Returns the seconds building took (None when reused)."""
    import duckdb

    sys.path.insert(0, str(ROOT))
    from tests.generated_events import write_generated_events

    if path.exists():
        try:
            with duckdb.connect(str(path), read_only=True) as db:
                found = db.execute("SELECT count(*) FROM events").fetchone()
        except duckdb.Error as error:
            sys.exit(f"{path} exists but is not a store of events ({error}); remove it or give "
                     "another --db")
        if found and found[0] == events:
            return None
        sys.exit(f"{path} has {found[0] if found else 0:,} events, not {events:,}; remove it or "
                 "give another --db")
    started = time.perf_counter()
    write_generated_events(path, events, seed=1)
    return time.perf_counter() - started


def make_queries(path: Path, count: int, seed: int) -> list[Query]:
    """`count` queries: a box 2-6 degrees wide around the place of an event drawn from the store,
    and 30-91 days within 2023-01-01..2024-12-30."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        places = db.execute(f"SELECT latitude, longitude FROM events USING SAMPLE "
                            f"reservoir({count} ROWS) REPEATABLE ({seed})").fetchall()
    rng = random.Random(seed)
    queries = []
    for number in range(count):
        lat, lon = places[number % len(places)]
        width, height = rng.uniform(2, 6), rng.uniform(2, 6)
        west = lon - width * rng.uniform(0.2, 0.8)
        south = lat - height * rng.uniform(0.2, 0.8)
        bbox = (max(-180.0, west), max(-90.0, south), min(180.0, west + width),
                min(90.0, south + height))
        days = rng.randint(30, 91)
        first = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days - days))
        queries.append(Query(bbox, first, first + dt.timedelta(days=days)))
    return queries


# The baseline ---------------------------------------------------------------------------------
def baseline(path: Path, queries: list[Query]) -> tuple[list[float], float]:
    """Seconds each query takes through `reads.list_events` on a cursor of a read-only
    connection, one at a time (as the server opens the store), and the mean number of matches."""
    import duckdb

    from frontlines.serve.queries import EventFilters
    from frontlines.serve.reads import list_events

    with duckdb.connect(str(path), read_only=True) as connection:
        filters = [EventFilters(bbox=q.bbox, date_from=q.date_from, date_to=q.date_to)
                   for q in queries]
        for each in filters[:50]:  # warm-up: the columns into memory
            cursor = connection.cursor()
            list_events(cursor, each)
            cursor.close()
        times, totals = [], []
        for each in filters:
            started = time.perf_counter()
            cursor = connection.cursor()
            page = list_events(cursor, each)
            cursor.close()
            times.append(time.perf_counter() - started)
            totals.append(page["total"])
    return times, statistics.fmean(totals)


# The server -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(path: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-c", _SERVER, str(path), str(port)])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit status {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=1",
                                        timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not answer within 120 s")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# The load generator ---------------------------------------------------------------------------
class Connections:
    """Keep-alive HTTP/1.1 connections to the server: an idle one is reused, else one opened.

    uvicorn closes a connection idle for 5 s; one idle for `fresh` seconds is not reused, and a
    reused one the server closed before answering is retried once on a new connection, as
    browsers do."""

    def __init__(self, port: int, most: int, fresh: float = 2.0) -> None:
        self.port, self.fresh = port, fresh
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.slots = asyncio.Semaphore(most)

    async def get(self, path: str) -> int:
        """The status of the answer to `GET path`, its body read to the end."""
        async with self.slots:
            now = asyncio.get_running_loop().time()
            while self.idle:
                reader, writer, used = self.idle.pop()
                if now - used < self.fresh:
                    try:
                        return await self._exchange(reader, writer, path)
                    except (asyncio.IncompleteReadError, ConnectionError) as error:
                        if isinstance(error, asyncio.IncompleteReadError) and error.partial:
                            raise
                    break
                writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            return await self._exchange(reader, writer, path)

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                        path: str) -> int:
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = (await reader.readuntil(b"\r\n\r\n")).lower()
            status = int(head[9:12])
            if b"transfer-encoding: chunked" in head:
                while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                    await reader.readexactly(size + 2)
                await reader.readuntil(b"\r\n")
            else:
                length = head.split(b"content-length:", 1)[1].split(b"\r\n", 1)[0]
                await reader.readexactly(int(length))
        except BaseException:
            writer.close()
            raise
        if b"connection: close" in head:
            writer.close()
        else:
            self.idle.append((reader, writer, asyncio.get_running_loop().time()))
        return status

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()
        self.idle.clear()


async def drive(port: int, queries: list[Query], rate: float, warmup: float, duration: float,
                server_pid: int, timeout: float = 10.0) -> Run:
    """Send requests at `rate` a second for `warmup` + `duration` seconds on a fixed schedule;
    time those due after the warm-up from when they were due to their last byte."""
    loop = asyncio.get_running_loop()
    connections = Connections(port, most=512)
    latencies: list[float] = []
    errors: Counter[str] = Counter()

    async def one(due: float, path: str, measured: bool) -> None:
        try:
            status = str(await asyncio.wait_for(connections.get(path), timeout))
        except TimeoutError:
            status = f"timeout ({timeout:.0f} s)"
        except Exception:  # a connection refused or broken, or an answer cut short
            status = "connection"
        if measured:
            if status == "200":
                latencies.append(loop.time() - due)
            else:
                errors[status] += 1

    warm, measured = round(warmup * rate), round(duration * rate)
    start = loop.time() + 0.1
    tasks = []
    server_start = client_start = 0.0
    for number in range(warm + measured):
        due = start + number / rate
        if number == warm:
            server_start, client_start = cpu_seconds(server_pid), time.process_time()
        wait = due - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        tasks.append(asyncio.create_task(
            one(due, queries[number % len(queries)].path(), number >= warm)))
    server_end, client_end = cpu_seconds(server_pid), time.process_time()
    await asyncio.gather(*tasks)
    connections.close()
    return Run(rate, measured, latencies, errors, (server_end - server_start) / duration,
               (client_end - client_start) / duration)


def report(run: Run) -> str:
    return (f"{run.rate:6.0f}/s: p50 {_ms(run.percentile(50))}  p95 {_ms(run.percentile(95))}  "
            f"p99 {_ms(run.percentile(99))}  {run.failures()}  "
            f"CPU: server {run.server_cpu:4.2f}, load generator {run.client_cpu:4.2f} cores")


def one_at_a_time(port: int, queries: list[Query], server_pid: int) -> tuple[list[float], float]:
    """Seconds each query takes over HTTP when it is the only one, and the server's CPU time a
    request (what a request costs, whatever the rate)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for query in queries[:20]:
        connection.request("GET", query.path())
        connection.getresponse().read()
    times = []
    cpu = cpu_seconds(server_pid)
    for query in queries:
        started = time.perf_counter()
        connection.request("GET", query.path())
        answer = connection.getresponse()
        answer.read()
        times.append(time.perf_counter() - started)
        if answer.status != 200:
            sys.exit(f"GET {query.path()}: status {answer.status}")
    cpu = (cpu_seconds(server_pid) - cpu) / len(queries)
    connection.close()
    return times, cpu


def settle(server_pid: int, most: float = 120.0) -> None:
    """Wait until the server has worked off what an overloaded run left it (requests whose
    clients gave up are still answered), so the next run starts on an idle server."""
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        before = cpu_seconds(server_pid)
        time.sleep(0.5)
        if cpu_seconds(server_pid) - before < 0.05:
            return


def _p95(times: list[float]) -> float:
    return sorted(times)[int(0.95 * len(times))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None,
                        help="the store to use: built there when missing, reused when it has "
                             "--events events (default: a temporary one)")
    parser.add_argument("--rate", type=float, default=100.0,
                        help="requests a second the target is checked at")
    parser.add_argument("--higher", default="125,150,200,250,300,400,600,800,1200",
                        help="rates to step up through while p95 stays under 100 ms")
    parser.add_argument("--lower", default="75,50,35,25,15,10",
                        help="rates to step down through when --rate fails, until one passes")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured a rate")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--queries", type=int, default=2000,
                        help="distinct queries (the baseline runs each once)")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "events.duckdb"
        built = prepare_store(path, args.events)
        print(f"store:              {args.events:,} generated events in {path} "
              + (f"(built in {built:.0f} s)" if built is not None else "(reused)"))
        queries = make_queries(path, args.queries, seed=7)
        times, matches = baseline(path, queries)
        base_p95 = _p95(times)
        print(f"queries:            {len(queries):,} distinct (a 2-6 degree box, 30-91 days); "
              f"{matches:,.0f} events match on average, 100 a page")
        print(f"baseline:           p50 {_ms(statistics.median(times))}  p95 {_ms(base_p95)}  "
              "(reads.list_events in this process, one query at a time)")

        port = free_port()
        server = start_server(path, port)
        try:
            alone, cpu = one_at_a_time(port, queries[:500], server.pid)
            print(f"API, one at a time: p50 {_ms(statistics.median(alone))}  p95 "
                  f"{_ms(_p95(alone))}  ({_p95(alone) / base_p95:.1f}x the baseline's p95); "
                  f"server CPU {cpu * 1000:.1f} ms a request ({args.rate:.0f}/s would keep "
                  f"{cpu * args.rate:.1f} of the {os.cpu_count()} cores busy)")
            print(f"API, open loop ({args.warmup:.0f} s warm-up, then {args.duration:.0f} s "
                  "measured a rate):")
            runs = [asyncio.run(drive(port, queries, args.rate, args.warmup, args.duration,
                                      server.pid))]
            print("  " + report(runs[0]))
            steps = args.higher if runs[0].passed() else args.lower
            for rate in (float(r) for r in steps.split(",") if r.strip()):
                if (rate > args.rate) != runs[0].passed():
                    continue
                settle(server.pid)
                runs.append(asyncio.run(drive(port, queries, rate, args.warmup, args.duration,
                                              server.pid)))
                print("  " + report(runs[-1]))
                if runs[-1].passed() != runs[0].passed():
                    break
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

        first = runs[0]
        verdict = "met" if not first.errors and first.percentile(95) <= TARGET_P95 else "MISSED"
        ratio = f"{first.percentile(95) / base_p95:.1f}x" \
            if first.percentile(95) != float("inf") else "- (too many failed)"
        print(f"at {args.rate:.0f}/s:          p50 {_ms(first.percentile(50))}  p95 "
              f"{_ms(first.percentile(95))}  p99 {_ms(first.percentile(99))}  "
              f"{first.failures()}; target p95 <= 50 ms: {verdict}; p95 {ratio} the baseline's")
        passed = [run for run in runs if run.passed()]
        if passed:
            best = max(passed, key=lambda run: run.rate)
            note = " (the highest rate tried)" if best is runs[-1] and first.passed() else ""
            print(f"largest rate with p95 < 100 ms: {best.rate:.0f}/s{note} (p95 "
                  f"{_ms(best.percentile(95)).strip()}, {best.percentile(95) / base_p95:.1f}x "
                  "the baseline's)")
        else:
            print("largest rate with p95 < 100 ms: none of the rates tried")
        print(f"machine:            {os.cpu_count()} cores; load average (1 min) "
              f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (other work "
              "shares the cores)")


if __name__ == "__main__":
    main()
