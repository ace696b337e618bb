"""`make bench`: how fast and how heavy the key pages are, beside a bare Django view.

Run from the project's root: `.venv/bin/python -m bench.run`. Environment:

- BENCH_SCALE: `small` (default) or `county`, the data set of
  `manage.py generate_bench_data`.
- DATABASE_URL: a PostgreSQL database, default
  postgres://postgres@127.0.0.1:5432/hub_bench_<scale>; created and migrated if
  needed. The data set is generated only if the database does not hold it yet:
  once generated, its scale, URLs and bench account are written in the
  database's comment (COMMENT ON DATABASE), which later runs read. Drop the
  database to generate it again.
- REDIS_URL: the cache, a Redis database the benchmark empties at the start
  (default redis://127.0.0.1:6379/12).
- BENCH_SECONDS: how long wrk drives each page at each concurrency (5 at
  small scale, 20 at county scale).
- BENCH_CONCURRENCY: connections kept open by wrk, default "1,16": 1 is one
  visitor alone, the time a page takes with no queue; 16 is over three times
  the workers, so the server is saturated: its throughput and its tail latency
  under a queue.

The project is served by gunicorn on production settings (hub.settings.bench:
DEBUG off, loopback only) with 2 × cores + 1 sync workers, as the README's
production recipe does: a sync worker waits on PostgreSQL, the extra workers
keep the cores busy meanwhile. wrk drives each page from a second process on
one thread, after a warm-up of 2 s that is not counted; /bench/bare/ (a small
template and one query, behind the same middleware) is the ceiling every page
is compared with.

Per page it also records the SQL queries of one request once the workers are
warm (the X-Bench-Queries header, added by the bench settings only) and the
HTML, CSS and JS bytes of a first view, gzipped (the page, then each
stylesheet and script it links to, as the server sends them with
Accept-Encoding: gzip, gzipped at level 6 if it sent them uncompressed;
images are counted, not weighed).

It prints the table and writes bench/results/latest.json, latest.md and
<date>-<scale>.md. A page answering anything but 2xx is reported in the table
and makes the run fail, after the results are written.
"""

import contextlib
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    Request,
    build_opener,
    urlopen,
)

import environ
import psycopg
import redis
from psycopg import sql

from bench import tools

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
WRK_SCRIPT = ROOT / "bench" / "report.lua"
VAR_DIR = Path(os.environ.get("HUB_VAR_DIR", ROOT / "var"))  # as the settings say
GUNICORN_LOG = VAR_DIR / "bench-gunicorn.log"
# What manage.py generate_bench_data writes besides the data.
GENERATED_URLS = VAR_DIR / "bench-urls.json"
GENERATED_ACCOUNTS = VAR_DIR / "bench-accounts.json"
# Key of the JSON in the database's comment that says it holds a data set.
MARKER_KEY = "township_hub_bench"
SCALES = {"small": 5, "county": 20}  # scale: default seconds per run
WORKERS = 2 * (os.cpu_count() or 1) + 1
WARM_UP_SECONDS = 2
# Sent by wrk and by the first-view fetches alike, as a browser would.
BROWSER_HEADERS = {"Accept-Encoding": "gzip"}
# Makes the page cache step aside (any cookie but the CSRF and language ones
# does) and, in the bench settings only, forgets every kept page and kept part
# first, as a change does (hub.core.bench.ColdMiddleware).
COLD_COOKIE = "bench=cold"


@dataclass(frozen=True)
class Config:
    scale: str
    database_url: str
    redis_url: str
    seconds: int
    concurrencies: tuple[int, ...]


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    logged_in: bool = False
    # As the first visitor after a change gets it: nothing kept.
    cold: bool = False


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows through make
    config = read_config()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.bench",
        "DATABASE_URL": config.database_url,
        "REDIS_URL": config.redis_url,
    }
    # make stops a recipe with SIGTERM: stop gunicorn on the way out as on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data_set = prepare_database(config, env)
    manage(env, "collectstatic", "--noinput", "-v0")
    redis.Redis.from_url(config.redis_url).flushdb()
    with serve(env) as base_url:
        cookie = log_in(base_url, citizen_of(data_set["accounts"]))
        pages = pages_to_measure(base_url, data_set["urls"])
        results = measure(base_url, pages, cookie, config)
    machine = machine_description(config.database_url)
    write_results(results, pages, config, machine)
    print()
    print(tools.format_table(results))
    print(f"\n{machine}\nWritten to {RESULTS_DIR.relative_to(ROOT)}/.")
    failed = sorted({result.page for result in results if result.errors})
    if failed:
        print(f"Pages that answered other than 2xx: {', '.join(failed)}")
        return 1
    return 0


def read_config() -> Config:
    scale = os.environ.get("BENCH_SCALE", "small")
    if scale not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALES)}.")
    return Config(
        scale=scale,
        database_url=os.environ.get(
            "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/hub_bench_{scale}"
        ),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12"),
        seconds=int(os.environ.get("BENCH_SECONDS", SCALES[scale])),
        concurrencies=tuple(
            int(number)
            for number in os.environ.get("BENCH_CONCURRENCY", "1,16").split(",")
        ),
    )


# --- The database and its data set ------------------------------------------


def prepare_database(config: Config, env: dict) -> dict:
    """Create and migrate the database, generate the data set unless it holds
    it already; return the data set's URLs and accounts."""
    create_database(config.database_url)
    print(f"Migrating {config.database_url}...")
    manage(env, "migrate", "--noinput", "-v0")
    marker = read_marker(config.database_url)
    if marker and marker["scale"] == config.scale:
        print(f"The database holds the {config.scale} data set already.")
        return marker
    if marker:
        raise SystemExit(
            f"The database holds the {marker['scale']} data set, not "
            f"{config.scale}: give another DATABASE_URL."
        )
    print(f"Generating the {config.scale} data set...")
    try:
        manage(env, "generate_bench_data", "--scale", config.scale)
    except subprocess.CalledProcessError:
        raise SystemExit(
            "Generating the data set failed. If the database holds part of one, "
            "drop it and run again."
        ) from None
    marker = {
        "scale": config.scale,
        "urls": json.loads(GENERATED_URLS.read_text()),
        "accounts": json.loads(GENERATED_ACCOUNTS.read_text()),
    }
    write_marker(config.database_url, marker)
    return marker


def connect(database_url: str, *, maintenance: bool = False) -> psycopg.Connection:
    """A connection to the database, or to the server's `postgres` database."""
    settings = environ.Env.db_url_config(database_url)
    if "postgresql" not in settings["ENGINE"]:
        raise SystemExit("The benchmark runs on PostgreSQL: give a postgres:// URL.")
    options = {
        "dbname": "postgres" if maintenance else settings["NAME"],
        "user": settings.get("USER"),
        "password": settings.get("PASSWORD"),
        "host": settings.get("HOST"),
        "port": settings.get("PORT"),
    }
    return psycopg.connect(
        autocommit=True, **{key: value for key, value in options.items() if value}
    )


def create_database(database_url: str) -> None:
    name = environ.Env.db_url_config(database_url)["NAME"]
    with connect(database_url, maintenance=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"Creating the database {name}...")
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )


def read_marker(database_url: str) -> dict | None:
    with connect(database_url) as connection:
        (comment,) = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
            " WHERE datname = current_database()"
        ).fetchone()
    try:
        return json.loads(comment or "")[MARKER_KEY]
    except (ValueError, TypeError, KeyError):
        return None


def write_marker(database_url: str, marker: dict) -> None:
    with connect(database_url) as connection:
        (name,) = connection.execute("SELECT current_database()").fetchone()
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(json.dumps({MARKER_KEY: marker}))
            )
        )


def manage(env: dict, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


# --- The server -------------------------------------------------------------


@contextlib.contextmanager
def serve(env: dict) -> Iterator[str]:
    """gunicorn on a free loopback port until the block ends, however it ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"
    print(f"Starting gunicorn ({WORKERS} workers) on {base_url}...")
    VAR_DIR.mkdir(exist_ok=True)
    with open(GUNICORN_LOG, "wb") as log:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "hub.wsgi"),
                *("--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"),
                *("--timeout", "120", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl-C reaches us, and we stop it in order.
            start_new_session=True,
        )
        try:
            wait_until_ready(server, base_url)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_ready(server: subprocess.Popen, base_url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {GUNICORN_LOG}.")
        with contextlib.suppress(OSError):  # refused, reset or timed out
            with urlopen(f"{base_url}/healthz", timeout=2):
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within a minute; see {GUNICORN_LOG}.")


def citizen_of(accounts: list[dict]) -> dict:
    return next(account for account in accounts if account["role"] == "citizen")


def log_in(base_url: str, account: dict) -> str:
    """Log in through the login form; the Cookie header of the session."""
    jar = CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar))
    login_url = f"{base_url}/accounts/login/"
    opener.open(login_url).read()
    form = {
        "username": account["login"],
        "password": account["password"],
        "csrfmiddlewaretoken": _cookie(jar, "csrftoken"),
    }
    opener.open(Request(login_url, data=urlencode(form).encode())).read()
    if not _cookie(jar, "sessionid"):
        raise SystemExit(f"Could not log in as {account['login']}.")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def _cookie(jar: CookieJar, name: str) -> str:
    return next((cookie.value for cookie in jar if cookie.name == name), "")


# --- What is measured -------------------------------------------------------


def pages_to_measure(base_url: str, urls: dict) -> list[Page]:
    """The pages, in the table's order, named as in var/bench-urls.json. The
    deep catalogue page is its last one, found on the server."""
    last_page = tools.last_page_number(
        fetch(f"{base_url}{urls['catalogue']}?page=last").text
    )
    public = [
        Page("hub_home", urls["hub_home"]),
        Page("township_home", urls["township_home"]),
        Page("notice", urls["notice"]),
        Page("catalogue", urls["catalogue"]),
        Page("catalogue_deep", f"{urls['catalogue']}?page={last_page}"),
        Page("catalogue_township", urls["catalogue_township"]),
        Page("product", urls["product"]),
        Page("service_guide", urls["service_guide"]),
        Page("question_board", urls["question_board"]),
        Page("township_stats", urls["township_stats"]),
        Page("api_products", urls["api_products"]),
    ]
    # Each public page as a visitor who is not logged in gets it (kept whole
    # by the page cache), as a logged-in citizen gets it (rendered around its
    # kept listings), and as the first visitor after a change (nothing kept).
    variants = [
        variant
        for page in public
        for variant in (
            page,
            Page(f"{page.name}:logged_in", page.path, logged_in=True),
            Page(f"{page.name}:cold", page.path, cold=True),
        )
    ]
    return [
        Page("bare", "/bench/bare/"),
        *variants,
        Page("me", urls["me"], logged_in=True),
    ]


def measure(
    base_url: str, pages: list[Page], cookie: str, config: Config
) -> list[tools.Result]:
    """Each page: its first view, then wrk at each concurrency, then its queries."""
    results = []
    bare_rps: dict[int, float] = {}
    for page in pages:
        headers = dict(BROWSER_HEADERS)
        if page.logged_in:
            headers["Cookie"] = cookie
        elif page.cold:
            headers["Cookie"] = COLD_COOKIE
        url = base_url + page.path
        print(f"{page.name}: {page.path}")
        weight, weight_error = tools.first_view(url, partial(fetch, headers=headers))
        # Every worker's first requests (imports, per-process caches) not counted.
        run_wrk(url, headers, max(config.concurrencies), WARM_UP_SECONDS)
        runs = {}
        for concurrency in config.concurrencies:
            runs[concurrency] = run = run_wrk(url, headers, concurrency, config.seconds)
            print(f"  {concurrency:>3} connections: {run.rps:8.1f} requests/s")
        queries = query_count(url, headers)
        if page.name == "bare":
            bare_rps = {concurrency: run.rps for concurrency, run in runs.items()}
        results += [
            tools.Result(
                page=page.name,
                concurrency=concurrency,
                rps=run.rps,
                p50_ms=run.p50_ms,
                p95_ms=run.p95_ms,
                p99_ms=run.p99_ms,
                ratio_to_bare=tools.ratio(run.rps, bare_rps[concurrency]),
                queries=queries,
                wire_bytes=weight.wire_bytes,
                images=weight.images,
                errors=tools.describe_errors(run, weight_error),
            )
            for concurrency, run in runs.items()
        ]
    return results


def run_wrk(url: str, headers: dict, concurrency: int, seconds: int) -> tools.WrkRun:
    command = [
        *("wrk", "--threads", "1", "--connections", str(concurrency)),
        *("--duration", f"{seconds}s", "--timeout", "30s", "--script", str(WRK_SCRIPT)),
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    return tools.parse_wrk_output(output)


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict | None = None) -> tools.Fetched:
    """GET without following redirects; any status is returned, not raised."""
    request = Request(url, headers={**BROWSER_HEADERS, **(headers or {})})
    try:
        response = build_opener(_NoRedirects).open(request, timeout=60)
    except HTTPError as error:
        response = error
    with response:
        return tools.Fetched(
            response.status,
            {name.lower(): value for name, value in response.headers.items()},
            response.read(),
        )


def query_count(url: str, headers: dict) -> int:
    """The SQL queries of one request, the workers warm after wrk's runs."""
    return int(fetch(url, headers).headers.get("x-bench-queries", -1))


# --- The results ------------------------------------------------------------


def machine_description(database_url: str) -> str:
    """Cores, CPU model, RAM (from Linux's /proc) and PostgreSQL's version."""
    with connect(database_url) as connection:
        (postgres,) = connection.execute("SHOW server_version").fetchone()
    cpu = _proc_field("/proc/cpuinfo", "model name") or "unknown CPU"
    memory_kib = _proc_field("/proc/meminfo", "MemTotal").removesuffix(" kB")
    memory = f"{int(memory_kib) / 1024**2:.0f} GiB RAM" if memory_kib else "RAM unknown"
    return f"{os.cpu_count()} cores, {cpu}, {memory}, PostgreSQL {postgres.split()[0]}"


def _proc_field(path: str, name: str) -> str:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    return ""


def write_results(
    results: list[tools.Result], pages: list[Page], config: Config, machine: str
) -> None:
    today = datetime.date.today().isoformat()
    markdown = tools.format_markdown(
        results,
        title=f"Benchmark {today}, {config.scale} data set",
        about=[
            f"Machine: {machine}.",
            f"gunicorn, {WORKERS} sync workers, hub.settings.bench (production, "
            f"loopback); wrk on one thread, {config.seconds} s per page and "
            "concurrency.",
            "× bare: requests/s as a share of /bench/bare/ (a small template and "
            "one query) at the same concurrency. Queries: one request, workers "
            "warm. Wire: HTML + CSS + JS of a first view, gzip.",
            "A public page is measured as a visitor who is not logged in gets "
            "it (kept whole by the page cache: no query), as `:logged_in`, a "
            "logged-in citizen (the page rendered around its listings, kept "
            "rendered by {% keep %}), and as `:cold`, the first visitor after a "
            "change (every kept page and part forgotten before each request).",
            "Pages: "
            + ", ".join(
                f"{page.name} `{page.path}`" + (" (logged in)" * page.logged_in)
                for page in pages
                if ":" not in page.name
            )
            + ".",
        ],
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(
        json.dumps([result.as_json() for result in results], indent=2) + "\n"
    )
    (RESULTS_DIR / "latest.md").write_text(markdown)
    (RESULTS_DIR / f"{today}-{config.scale}.md").write_text(markdown)


if __name__ == "__main__":
    sys.exit(main())
