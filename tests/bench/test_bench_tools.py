"""The benchmark's pure parts (bench/tools.py); the benchmark itself is `make bench`."""

import gzip
import json

import pytest

from bench import tools

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40123/shop/catalogue/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   180.21ms   40.02ms 401.22ms   71.00%
    Req/Sec    88.51     12.40   120.00     70.00%
  886 requests in 10.01s, 10.42MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     88.51
Transfer/sec:      1.04MB
BENCH_RESULT {"requests": 886, "seconds": 10.010, "rps": 88.51, "p50_ms": 171.30, \
"p95_ms": 251.84, "p99_ms": 330.07, "non_2xx": 5, "non_2xx_status": 500, \
"socket_errors": 0}
"""


def _run(**changes) -> tools.WrkRun:
    values = {
        "requests": 100,
        "rps": 10.0,
        "p50_ms": 1.0,
        "p95_ms": 2.0,
        "p99_ms": 3.0,
        "non_2xx": 0,
        "non_2xx_status": 0,
        "socket_errors": 0,
    }
    return tools.WrkRun(**{**values, **changes})


def _result(**changes) -> tools.Result:
    values = {
        "page": "catalogue",
        "concurrency": 16,
        "rps": 88.51,
        "p50_ms": 171.3,
        "p95_ms": 251.84,
        "p99_ms": 330.07,
        "ratio_to_bare": 0.12,
        "queries": 5,
        "wire_bytes": 10_342,
        "images": 20,
        "errors": "",
    }
    return tools.Result(**{**values, **changes})


def test_wrk_report_is_read_from_the_lua_scripts_line():
    run = tools.parse_wrk_output(WRK_OUTPUT)

    assert (run.requests, run.rps) == (886, 88.51)
    assert (run.p50_ms, run.p95_ms, run.p99_ms) == (171.3, 251.84, 330.07)
    assert tools.describe_errors(run) == "5 × HTTP 500"


def test_wrk_output_without_the_report_is_an_error():
    with pytest.raises(ValueError, match="BENCH_RESULT"):
        tools.parse_wrk_output("unable to connect to 127.0.0.1:40123\n")


def test_a_clean_run_reports_no_error_and_any_other_is_reported():
    assert tools.describe_errors(_run()) == ""
    assert (
        tools.describe_errors(_run(non_2xx=2, non_2xx_status=302, socket_errors=7))
        == "2 × HTTP 302, 7 socket errors"
    )
    assert (
        tools.describe_errors(_run(), "http://127.0.0.1/me/: HTTP 302")
        == "http://127.0.0.1/me/: HTTP 302"
    )


def test_ratio_to_the_bare_view():
    assert tools.ratio(217.5, 870.0) == 0.25
    assert tools.ratio(5.0, 870.0) == 0.006
    assert tools.ratio(5.0, 0.0) == 0.0


PAGE = """<!DOCTYPE html><html><head>
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/css/hub.css">
<link rel="preload stylesheet" href="https://cdn.example.org/font.css">
<script>var inline = 1;</script>
<script src="/static/js/menu.js" defer></script>
</head><body>
<img src="/media/eggs.webp" alt=""><img src="/media/shoots.webp" alt="">
<script src="/static/js/menu.js"></script>
</body></html>"""
CSS = b"body { margin: 0; padding: 0; }\n" * 3000


def _server(responses: dict[str, tools.Fetched]):
    def get(url: str) -> tools.Fetched:
        return responses.get(url, tools.Fetched(404, {}, b"Not found"))

    return get


def test_first_view_weighs_the_page_its_stylesheets_and_scripts_gzipped():
    gzipped_js = gzip.compress(b"document.body.className += ' js';\n" * 500, 9)
    get = _server(
        {
            "http://127.0.0.1/shop/": tools.Fetched(200, {}, PAGE.encode()),
            "http://127.0.0.1/static/css/hub.css": tools.Fetched(200, {}, CSS),
            "http://127.0.0.1/static/js/menu.js": tools.Fetched(
                200, {"content-encoding": "gzip"}, gzipped_js
            ),
        }
    )

    weight, error = tools.first_view("http://127.0.0.1/shop/", get)

    # The icon, the other server's stylesheet and the images are not weighed; the
    # script is fetched once; the page and the CSS are gzipped at level 6, the
    # script is counted as the server sent it.
    assert error == ""
    assert weight.images == 2
    assert weight.wire_bytes == (
        len(gzip.compress(PAGE.encode(), 6))
        + len(gzip.compress(CSS, 6))
        + len(gzipped_js)
    )
    assert weight.wire_bytes < len(CSS) / 20


def test_first_view_reports_a_missing_asset():
    get = _server({"http://127.0.0.1/shop/": tools.Fetched(200, {}, PAGE.encode())})

    weight, error = tools.first_view("http://127.0.0.1/shop/", get)

    assert error == "http://127.0.0.1/static/css/hub.css: HTTP 404"
    assert weight.wire_bytes == 0


def test_first_view_of_a_page_that_redirects_is_an_error():
    get = _server({"http://127.0.0.1/me/": tools.Fetched(302, {}, b"")})

    assert tools.first_view("http://127.0.0.1/me/", get)[1] == (
        "http://127.0.0.1/me/: HTTP 302"
    )


def test_last_catalogue_page_is_one_after_the_page_it_links_back_to():
    html = '<a href="?township=huaqiao&amp;page=41">Previous</a> Page 42 of 42'

    assert tools.last_page_number(html) == 42
    assert tools.last_page_number("<p>Page 1 of 1</p>") == 1


def test_json_rows_have_exactly_the_published_keys():
    row = _result().as_json()

    assert list(row) == [
        "page",
        "concurrency",
        "rps",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "ratio_to_bare",
        "queries",
        "wire_bytes",
    ]
    assert json.loads(json.dumps(row))["wire_bytes"] == 10_342


def test_tables_show_each_row_with_its_errors():
    results = [
        _result(page="bare", rps=700.0, ratio_to_bare=1.0, queries=1, images=0),
        _result(errors="5 × HTTP 500"),
    ]

    text = tools.format_table(results).splitlines()
    markdown = tools.format_markdown(
        results, title="Benchmark 2026-11-24, small data set", about=["2 cores."]
    ).splitlines()

    assert text[2].split() == [
        *("bare", "16", "700.0", "171.3", "251.8", "330.1", "1.00", "1", "10.1", "0"),
    ]
    assert text[3].endswith("5 × HTTP 500")
    assert markdown[0] == "# Benchmark 2026-11-24, small data set"
    assert markdown[-1] == (
        "| catalogue | 16 | 88.5 | 171.3 | 251.8 | 330.1 | 0.12 | 5 | 10.1 | 20 "
        "| 5 × HTTP 500 |"
    )
