"""The pure parts of the benchmark (bench/run.py): reading wrk's report, weighing
a first view of a page, and writing the tables."""

import gzip
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# The keys of bench/results/latest.json, in order.
RESULT_KEYS = (
    "page",
    "concurrency",
    "rps",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "ratio_to_bare",
    "queries",
    "wire_bytes",
)
# bench/report.lua prints this before its JSON.
WRK_RESULT_MARKER = "BENCH_RESULT "
# The table's columns: heading, and whether it holds text (left-aligned).
COLUMNS = (
    ("page", True),
    ("conc.", False),
    ("rps", False),
    ("p50 ms", False),
    ("p95 ms", False),
    ("p99 ms", False),
    ("× bare", False),
    ("queries", False),
    ("wire KB", False),
    ("images", False),
    ("errors", True),
)


@dataclass(frozen=True)
class WrkRun:
    """What bench/report.lua reports for one wrk run."""

    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    non_2xx: int
    non_2xx_status: int
    socket_errors: int


@dataclass(frozen=True)
class Fetched:
    """One answer of the server, its body as sent."""

    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def is_ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def is_gzipped(self) -> bool:
        return self.headers.get("content-encoding", "").strip().lower() == "gzip"

    @property
    def text(self) -> str:
        body = gzip.decompress(self.body) if self.is_gzipped else self.body
        return body.decode("utf-8", errors="replace")

    @property
    def wire_size(self) -> int:
        """Bytes on the wire: as sent if gzipped, else once gzipped at level 6."""
        return len(self.body if self.is_gzipped else gzip.compress(self.body, 6))


@dataclass(frozen=True)
class PageWeight:
    """A first view: the page and its stylesheets and scripts, gzipped."""

    wire_bytes: int
    images: int


@dataclass(frozen=True)
class Result:
    """One row of the table: a page at one concurrency."""

    page: str
    concurrency: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    ratio_to_bare: float
    queries: int
    wire_bytes: int
    images: int
    errors: str

    def as_json(self) -> dict:
        row = asdict(self)
        return {key: row[key] for key in RESULT_KEYS}


def parse_wrk_output(stdout: str) -> WrkRun:
    """The last BENCH_RESULT line of wrk's output; ValueError if there is none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(WRK_RESULT_MARKER):
            data = json.loads(line.removeprefix(WRK_RESULT_MARKER))
            return WrkRun(**{key: data[key] for key in WrkRun.__dataclass_fields__})
    raise ValueError(f"wrk printed no {WRK_RESULT_MARKER.strip()} line:\n{stdout}")


def describe_errors(run: WrkRun, first_view_error: str = "") -> str:
    """'' when every answer was a 2xx, else what went wrong, for the table."""
    problems = [first_view_error] if first_view_error else []
    if run.non_2xx:
        problems.append(f"{run.non_2xx} × HTTP {run.non_2xx_status}")
    if run.socket_errors:
        problems.append(f"{run.socket_errors} socket errors")
    return ", ".join(problems)


def ratio(rps: float, bare_rps: float) -> float:
    """A page's requests per second as a share of the bare view's, 3 decimals."""
    return round(rps / bare_rps, 3) if bare_rps else 0.0


class _AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.images = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "img":
            self.images += 1


def page_assets(html: str, page_url: str) -> tuple[list[str], int]:
    """The stylesheets and scripts a browser fetches for the page (absolute URLs,
    each once, in document order) and the number of images it shows."""
    parser = _AssetParser()
    parser.feed(html)
    urls = [urljoin(page_url, ref) for ref in parser.stylesheets + parser.scripts]
    return list(dict.fromkeys(urls)), parser.images


def first_view(url: str, get: Callable[[str], Fetched]) -> tuple[PageWeight, str]:
    """The weight of a first view of the page at ``url``: the page, then each
    stylesheet and script it links to on its own server (``get`` fetches a URL);
    and what answered other than 2xx, or ''."""
    page = get(url)
    if not page.is_ok:
        return PageWeight(wire_bytes=0, images=0), f"{url}: HTTP {page.status}"
    assets, images = page_assets(page.text, url)
    total = page.wire_size
    for asset_url in assets:
        if urlsplit(asset_url).netloc != urlsplit(url).netloc:
            continue  # served by others (none today): not ours to weigh
        asset = get(asset_url)
        if not asset.is_ok:
            error = f"{asset_url}: HTTP {asset.status}"
            return PageWeight(wire_bytes=0, images=images), error
        total += asset.wire_size
    return PageWeight(wire_bytes=total, images=images), ""


def last_page_number(html: str) -> int:
    """The number of the catalogue's last page, read on that page (?page=last):
    one more than the highest page it links to (its "Previous"), or 1."""
    linked = [int(number) for number in re.findall(r"[?&;]page=(\d+)", html)]
    return max(linked) + 1 if linked else 1


def format_table(results: list[Result]) -> str:
    """The table printed at the end of the run, in fixed-width columns."""
    rows = [tuple(heading for heading, _ in COLUMNS)]
    rows += [_cells(result) for result in results]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if is_text else cell.rjust(width)
            for cell, width, (_, is_text) in zip(row, widths, COLUMNS, strict=True)
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def format_markdown(results: list[Result], *, title: str, about: list[str]) -> str:
    """The Markdown file of bench/results/: a title, lines about the run, the table."""
    rule = tuple("---" if is_text else "--:" for _, is_text in COLUMNS)
    rows = [tuple(heading for heading, _ in COLUMNS), rule]
    rows += [_cells(result) for result in results]
    lines = [f"# {title}", "", *(f"- {line}" for line in about), ""]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cells(result: Result) -> tuple[str, ...]:
    return (
        result.page,
        str(result.concurrency),
        f"{result.rps:.1f}",
        f"{result.p50_ms:.1f}",
        f"{result.p95_ms:.1f}",
        f"{result.p99_ms:.1f}",
        f"{result.ratio_to_bare:.2f}",
        str(result.queries),
        f"{result.wire_bytes / 1024:.1f}",
        str(result.images),
        result.errors,
    )
