"""Dashboard benchmark on a generated store (default 1M events).

    python benchmarks/dashboard.py --store /tmp/store-1m          # generates it if missing
    python benchmarks/dashboard.py --events 100000 --store /tmp/store-100k

Measures, and prints with the machine it ran on:
- the cold load of the store into the query cache (first request after start);
- server-side time of each filter callback (the view-state sync and the three panels it
  feeds), as full Dash HTTP requests through the Flask test client, over a fixed set of
  realistic filter changes: median and p95 (target: p95 <= 250 ms);
- page load to the first drawn timeline in headless Chromium, against a bare Dash page
  drawing one Plotly scatter of as many marks as the dashboard's first timeline, with the
  same plotly.js bundle, served the same way in the same run (target: <= 1.3x), and when
  the page's header is drawn (everything but the chart);
- the bytes one first load of each page transfers (fresh browser cache, until the network
  is idle after the first draw): on the wire, and once decompressed;
- where one load of each page spends its main-thread CPU time, by script (Chrome's
  sampling profiler), which shows what the chart itself costs;
- the peak resident memory of the server process.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dash  # noqa: E402
import duckdb  # noqa: E402
from dash import dcc, html  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboards import callbacks, ids  # noqa: E402
from dashboards.app import ASSETS, create_app  # noqa: E402
from dashboards.panels import GRID_ID  # noqa: E402
from dashboards.state import ViewState, to_data  # noqa: E402
from tracker import query  # noqa: E402
from tracker.query import EventFilter  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
BASELINE_ID = "baseline"
BASELINE = "bare Dash page (one scatter, same marks)"
PLOTLY_BUNDLE = "plotly-timeline.min.js"


def drawn(graph_id: str) -> str:
    """A page script true once the graph `graph_id` has drawn its figure (the figure's
    `meta.lanes` set and a marker on the plot): the same test for both pages."""
    return (
        f"() => {{ const gd = document.querySelector('#{graph_id} .js-plotly-plot'); "
        "return gd?._fullLayout?.meta?.lanes?.length > 0 "
        "&& gd.querySelector('.scatterlayer .point') !== null; }"
    )


DRAWN = drawn(ids.TIMELINE)
BASELINE_DRAWN = drawn(BASELINE_ID)
HEADER_DRAWN = f"() => document.getElementById('{ids.AS_OF}') !== null"
GRID_PATTERN = json.dumps({"type": ids.GRID_TABLE, "view": ["ALL"]}, separators=(",", ":"))


def machine() -> str:
    """CPU model, cores, memory, OS and the versions that matter."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {mem_gb:.1f} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}, duckdb {duckdb.__version__}, "
        f"dash {dash.__version__}; load average at start {load} (shared machine)"
    )


def filter_views(store: Path, n: int, seed: int = 3) -> list[ViewState]:
    """A fixed mix of realistic views: countries, types, actors, date windows, text, lanes."""
    found = query.summarize(store)
    rng = random.Random(seed)
    countries, types = found.options["country"], found.options["event_type"]
    actors = found.options["actor"][:100]
    first, last = found.first_date, found.last_date
    views = []
    for i in range(n):
        f: dict = {}
        kind = i % 6
        if kind in (0, 3):
            f["countries"] = tuple(rng.sample(countries, rng.choice([1, 1, 2])))
        if kind in (1, 3):
            f["event_types"] = tuple(rng.sample(types, rng.choice([1, 2])))
        if kind == 2:
            f["actors"] = (rng.choice(actors),)
        if kind in (4, 3):
            start = first + (last - first) * rng.random() * 0.9
            f["start"], f["end"] = start, min(last, start + (last - first) * 0.05)
        if kind == 5:
            f["text"] = rng.choice(["sanctions", "relief", "official usa-0", "expels"])
        views.append(ViewState(EventFilter(**f), "actor" if i % 4 == 3 else "country"))
    return views


def _payload(
    output: str,
    outputs: list[tuple[str, str]],
    inputs: list[dict],
    changed: str,
    state: list[dict] | None = None,
) -> dict:
    """A Dash callback request body, as the renderer sends it."""
    return {
        "output": output,
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": inputs,
        "changedPropIds": [changed],
        "state": state or [],
    }


def panel_requests(view: ViewState) -> dict[str, dict]:
    """The three panel callbacks' requests for one view."""
    value = [{"id": ids.STATE, "property": "data", "value": to_data(view)}]
    changed = f"{ids.STATE}.data"
    return {
        "timeline": _payload(
            f"..{ids.TIMELINE}.figure...{ids.NOTE}.children...{ids.COUNTS_TABLE}.children..",
            [(ids.TIMELINE, "figure"), (ids.NOTE, "children"), (ids.COUNTS_TABLE, "children")],
            value,
            changed,
            # the counts table has been opened: the callback builds it too (the worst case)
            [{"id": ids.COUNTS_SUMMARY, "property": "n_clicks", "value": 1}],
        ),
        "table": {  # the grid is a pattern id: its outputs are lists (the mounted grid)
            "output": f"..{GRID_PATTERN}.rowData...{ids.GRID_CAPTION}.children..."
            f"{GRID_PATTERN}.selectedRows..",
            "outputs": [
                [{"id": GRID_ID, "property": "rowData"}],
                {"id": ids.GRID_CAPTION, "property": "children"},
                [{"id": GRID_ID, "property": "selectedRows"}],
            ],
            "inputs": [
                *value,
                {"id": ids.GRID_MOUNTED, "property": "data", "value": to_data(ViewState())},
            ],
            "changedPropIds": [changed],
            "state": [],
        },
        "detail+chips": _payload(
            f"..{ids.DETAIL}.children...{ids.CHIPS}.children..",
            [(ids.DETAIL, "children"), (ids.CHIPS, "children")],
            value,
            changed,
        ),
    }


def sync_request(previous: ViewState, view: ViewState) -> dict:
    """The view-state callback's request for a change of the country dropdown."""
    f = view.filter
    controls = [
        (ids.TYPE, "value", list(f.event_types)),
        (ids.COUNTRY, "value", list(f.countries)),
        (ids.SOURCE, "value", list(f.source_countries)),
        (ids.TARGET, "value", list(f.target_countries)),
        (ids.ACTOR, "value", list(f.actors)),
        (ids.INSTRUMENT, "value", []),
        (ids.MODALITY, "value", []),
        (ids.TEXT, "value", f.text or ""),
        (ids.LANES, "value", view.lanes),
        (ids.ROLE, "value", f.actor_role or "any"),
        (ids.NEGATED, "value", []),
        (ids.YEAR, "value", None),
    ]
    outs = [
        (ids.STATE, "data"),
        (ids.URL, "search"),
        (ids.DATES, "start_date"),
        (ids.DATES, "end_date"),
        *[(i, p) for i, p, _ in controls],
        (ids.ACTOR, "options"),
    ]
    values = [
        ("url", "search", ""),
        (ids.DATES, "start_date", f.start and f.start.isoformat()),
        (ids.DATES, "end_date", f.end and f.end.isoformat()),
        *controls,
        (ids.TIMELINE, "clickData", None),
        (ids.RANGE, "data", None),
        (ids.ROW, "data", None),
    ]
    inputs = [{"id": i, "property": p, "value": v} for i, p, v in values]
    inputs += [
        [],
        {"id": ids.KEYS, "property": "data", "value": None},
        {"id": ids.CLEAR, "property": "n_clicks", "value": 0},
        {"id": ids.CLOSE_DETAIL, "property": "n_clicks", "value": 0},
        [],
    ]
    output = "...".join(f"{i}.{p}" for i, p in outs)
    return _payload(
        f"..{output}..",
        outs,
        inputs,
        f"{ids.COUNTRY}.value",
        [{"id": ids.STATE, "property": "data", "value": to_data(previous)}],
    )


def time_callbacks(store: Path, views: list[ViewState]) -> dict[str, list[float]]:
    """Seconds per request of each callback, over all views."""
    client = create_app(store).server.test_client()
    client.get("/")
    client.get("/_dash-layout")
    timings: dict[str, list[float]] = {"view-state sync": []}
    previous = ViewState()
    for view in views:
        began = time.perf_counter()
        reply = client.post("/_dash-update-component", json=sync_request(previous, view))
        timings["view-state sync"].append(time.perf_counter() - began)
        if reply.status_code not in (200, 204):
            raise RuntimeError(f"sync callback failed: {reply.status_code} {reply.data[:300]}")
        for name, body in panel_requests(view).items():
            began = time.perf_counter()
            reply = client.post("/_dash-update-component", json=body)
            timings.setdefault(name, []).append(time.perf_counter() - began)
            if reply.status_code != 200:
                raise RuntimeError(f"{name} failed: {reply.status_code} {reply.data[:300]}")
        previous = view
    return timings


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def serve(app: dash.Dash) -> tuple[str, Callable[[], None]]:
    """Serve a Dash app on a free localhost port in a thread: its URL, and a function that
    stops the server and waits for every request still running to finish.

    Request threads are not daemons and are joined on stop: a page closed while a callback
    was still querying (the storyline, the grid) leaves its request running, and a daemon
    thread still inside DuckDB when the interpreter exits is killed mid-C++, which aborts
    the process ("FATAL: exception not rethrown", exit 134).
    """
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    server.daemon_threads = False  # joined by server_close (socketserver's block_on_close)
    loop = threading.Thread(target=server.serve_forever)
    loop.start()

    def stop() -> None:
        server.shutdown()
        loop.join()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}/", stop


def first_marks(store: Path) -> tuple[list, list]:
    """x and y of every mark the dashboard's first timeline draws (its marker traces)."""
    figure = callbacks.first_panels(store, ViewState()).timeline[0]
    xs: list = []
    ys: list = []
    for trace in figure["data"]:
        if trace.get("mode") == "markers" and trace.get("hoverinfo") != "skip":
            xs += list(trace["x"])
            ys += list(trace["y"])
    return xs, ys


def baseline_app(xs: list, ys: list) -> dash.Dash:
    """The baseline: a bare Dash page drawing one Plotly scatter of the same marks, with
    the dashboard's plotly.js bundle (its assets folder, every other file ignored)."""
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS),
        assets_ignore=rf"^(?!{PLOTLY_BUNDLE.replace('.', '[.]')}$)",
    )
    figure = {
        "data": [{"type": "scatter", "mode": "markers", "x": xs, "y": ys}],
        "layout": {"height": 600, "meta": {"lanes": ["baseline"]}},
    }
    app.layout = html.Div(dcc.Graph(id=BASELINE_ID, figure=figure))
    return app


@contextmanager
def browsing(store: Path) -> Iterator[tuple[object, str, str]]:
    """Headless Chromium with the baseline page and the dashboard served: (browser,
    baseline URL, dashboard URL); everything is shut down on exit."""
    from playwright.sync_api import sync_playwright

    base_url, stop_base = serve(baseline_app(*first_marks(store)))
    app_url, stop_app = serve(create_app(store))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                yield browser, base_url, app_url
            finally:
                browser.close()
    finally:
        stop_base()
        stop_app()


def page_loads(store: Path, runs: int) -> dict[str, list[float]]:
    """Seconds from navigation to drawn content, for the baseline page and the dashboard.

    The dashboard's header, then its first timeline, are waited for in the same load.
    """
    with browsing(store) as (browser, base_url, app_url):
        pages = (
            (BASELINE, base_url, ((BASELINE, BASELINE_DRAWN),)),
            (
                "dashboard",
                app_url,
                (
                    ("dashboard (header, no chart yet)", HEADER_DRAWN),
                    ("dashboard (first timeline)", DRAWN),
                ),
            ),
        )
        loads: dict[str, list[float]] = {name: [] for _, _, marks in pages for name, _ in marks}
        for _ in range(runs + 1):  # the first round warms caches and is dropped
            for _, url, marks in pages:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                began = time.perf_counter()
                page.goto(url)
                for name, drawn in marks:
                    page.wait_for_function(drawn, timeout=60_000, polling=5)
                    loads[name].append(time.perf_counter() - began)
                page.close()
    return {name: values[1:] for name, values in loads.items()}


def _body_size(response: object) -> int:
    """A response's decompressed body size (0 when Chrome no longer holds the body)."""
    from playwright.sync_api import Error

    try:
        return len(response.body())  # type: ignore[attr-defined]
    except Error:
        return 0


def first_load_bytes(store: Path) -> dict[str, dict[str, object]]:
    """What one first load of each page transfers, with a fresh browser cache, until the
    network is idle after the first draw (the callbacks the page fires on load included):
    response bytes on the wire (compressed bodies and headers), the same bodies
    decompressed, the number of responses and the content encodings seen."""
    out: dict[str, dict[str, object]] = {}
    with browsing(store) as (browser, base_url, app_url):
        for name, url, drawn_js in (
            (BASELINE, base_url, BASELINE_DRAWN),
            ("dashboard", app_url, DRAWN),
        ):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            finished: list = []
            page.on("requestfinished", lambda request, seen=finished: seen.append(request))
            page.goto(url)
            page.wait_for_function(drawn_js, timeout=60_000, polling=5)
            page.wait_for_load_state("networkidle")
            wire = body = 0
            encodings: set[str] = set()
            for request in finished:
                sizes = request.sizes()
                wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                response = request.response()
                if response is not None and response.status != 204:
                    body += _body_size(response)
                    encodings.add(response.headers.get("content-encoding", "none"))
            page.close()
            out[name] = {
                "responses": len(finished),
                "wire_bytes": wire,
                "decoded_bytes": body,
                "encodings": sorted(encodings),
            }
    return out


def cpu_by_script(store: Path) -> dict[str, dict[str, float]]:
    """Main-thread CPU ms per script over one load of each page, after one warm-up load.

    Chrome's sampling profiler (over CDP, 200 us interval); samples outside any script
    are grouped by their kind ('(program)', '(garbage collector)', '(idle)' ...).
    """
    spent: dict[str, dict[str, float]] = {}
    with browsing(store) as (browser, base_url, app_url):
        for round_ in range(2):
            for name, url, drawn in (
                (BASELINE, base_url, BASELINE_DRAWN),
                ("dashboard", app_url, DRAWN),
            ):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                cdp = page.context.new_cdp_session(page)
                cdp.send("Profiler.enable")
                cdp.send("Profiler.setSamplingInterval", {"interval": 200})
                cdp.send("Profiler.start")
                page.goto(url)
                page.wait_for_function(drawn, timeout=60_000, polling=5)
                profile = cdp.send("Profiler.stop")["profile"]
                page.close()
                if round_:
                    spent[name] = _ms_per_script(profile)
    return spent


def _ms_per_script(profile: dict) -> dict[str, float]:
    """A CDP CPU profile's sampled time, summed per script file name, largest first."""
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    spent: dict[str, float] = {}
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = frames[sample]
        script = frame["url"].rsplit("/", 1)[-1].split("?")[0] or frame["functionName"]
        spent[script] = spent.get(script, 0.0) + delta / 1000
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/tracker-bench-store"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--views", type=int, default=60)
    parser.add_argument("--page-runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if not (args.store / "_meta.json").exists():
        from make_store import make_store

        began = time.perf_counter()
        make_store(args.store, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - began:.0f} s")
    print(f"machine: {machine()}")
    began = time.perf_counter()
    found = query.summarize(args.store)
    cold = time.perf_counter() - began
    print(
        f"store: {args.store} ({found.n_events:,} events, {found.n_articles:,} articles); "
        f"cold load into the query cache {cold:.1f} s"
    )
    timings = time_callbacks(args.store, filter_views(args.store, args.views))
    report: dict = {
        "machine": machine(),
        "events": found.n_events,
        "cold_load_s": cold,
        "callbacks": {},
        "page_load": {},
    }
    print(
        f"server-side time per filter callback ({args.views} filter changes, full Dash "
        "request incl. JSON):"
    )
    for name, values in timings.items():
        med, top = statistics.median(values) * 1000, p95(values) * 1000
        report["callbacks"][name] = {"median_ms": med, "p95_ms": top, "max_ms": max(values) * 1000}
        print(
            f"  {name:18s} median {med:6.0f} ms   p95 {top:6.0f} ms   max "
            f"{max(values) * 1000:6.0f} ms"
        )
    worst = max(v["p95_ms"] for v in report["callbacks"].values())
    print(f"  worst p95 {worst:.0f} ms (target <= 250 ms): {'PASS' if worst <= 250 else 'FAIL'}")
    marks = len(first_marks(args.store)[0])
    report["marks"] = marks
    if Path(CHROMIUM).exists():
        loads = page_loads(args.store, args.page_runs)
        for name, values in loads.items():
            report["page_load"][name] = statistics.median(values)
            print(
                f"page load, {name}: median {statistics.median(values):.2f} s "
                f"(runs: {', '.join(f'{v:.2f}' for v in values)})"
            )
        ratio = report["page_load"]["dashboard (first timeline)"] / report["page_load"][BASELINE]
        report["page_load"]["ratio"] = ratio
        print(f"  ratio {ratio:.2f}x (target <= 1.3x): {'PASS' if ratio <= 1.3 else 'FAIL'}")
        sent = first_load_bytes(args.store)
        report["first_load_bytes"] = sent
        print("bytes of one first load (fresh cache, until the network is idle after the draw):")
        for name, seen in sent.items():
            print(
                f"  {name}: {seen['wire_bytes']:,} on the wire (compressed), "
                f"{seen['decoded_bytes']:,} decompressed, {seen['responses']} responses, "
                f"encodings {', '.join(seen['encodings'])}"
            )
        spent = cpu_by_script(args.store)
        report["cpu_ms_by_script"] = spent
        print("main-thread CPU of one load, by script (sampled):")
        for name, scripts in spent.items():
            top = ", ".join(f"{script} {ms:.0f}" for script, ms in list(scripts.items())[:6])
            print(f"  {name}: {sum(scripts.values()):.0f} ms in all; {top}")
    else:
        print("page load: skipped (needs Debian chromium: apt-get install -y chromium)")
    print(f"marks drawn by the first timeline (and the baseline's scatter): {marks:,}")
    print(f"load average at end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report["peak_rss_mb"] = peak
    print(f"peak server memory (max RSS of this process, which hosts the server): {peak:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
