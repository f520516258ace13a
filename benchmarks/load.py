"""Load on a real `tracker serve`: concurrent analysts changing the view, over loopback.

    python benchmarks/load.py --store /tmp/corpus-store        # tracker ingest ../shared/corpus
    python benchmarks/load.py --store S --server dev             # Flask's development server

Starts `python -m tracker serve` on a free 127.0.0.1 port, reads the page as a browser
does (HTML, every script and style, /_dash-layout, /_dash-dependencies), printing the bytes
transferred with and without compression, then sends `--requests` callback requests from
`--clients` concurrent clients and stops the server. Each client repeats what an analyst
does: one action (a filter change: countries and an event type picked from the page's own
dropdown options; the lane mode switched; a date range of one to three years) posts the
view-state callback with the controls' new values, then the three panels it feeds
(timeline, table with the grid mounted, evidence and chips) with the view it returned.
The bodies are built from /_dash-dependencies, as the page builds them.

Prints the machine and its load, requests/s, p50/p95/p99 per callback, errors (any answer
but 200/204, or no answer), the server's resident memory before and after and the CPU time
it spent (target: p95 <= 800 ms for every callback, 0 errors).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
GRID = {"type": "events-grid-table", "view": "selection"}
PANELS = {
    "timeline": "timeline.figure",
    "table": "grid-caption.children",
    "detail": "detail.children",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, port: int, server: str, threads: int) -> subprocess.Popen:
    """`tracker serve` in a child process, once it answers."""
    command = [
        sys.executable,
        "-m",
        "tracker",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
        "--threads",
        str(threads),
    ]
    if server == "dev":
        command.append("--dev")
    child = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            requests.get(f"http://127.0.0.1:{port}/_dash-layout", timeout=60)
            return child
        except requests.ConnectionError:
            time.sleep(0.1)
    child.kill()
    raise SystemExit("the server did not start")


def first_load(base: str, encoding: str) -> int:
    """Bytes a first page load transfers: the HTML, its scripts and styles, layout, callbacks."""
    html = requests.get(base + "/", timeout=60).text
    urls = ["/", "/_dash-layout", "/_dash-dependencies"]
    for marker in ('<script src="', '<link rel="stylesheet" href="'):
        urls += [part.split('"', 1)[0] for part in html.split(marker)[1:]]
    total = 0
    for url in urls:
        answer = requests.get(
            base + url, headers={"Accept-Encoding": encoding}, stream=True, timeout=60
        )
        answer.raise_for_status()
        total += len(answer.raw.read(decode_content=False))
    return total


def find_props(layout: dict, component_id: str) -> dict:
    """The props of the component of the page's layout with this id."""
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == component_id:
                return props
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise SystemExit(f"the page has no {component_id}: is the store empty?")


def choices(layout: dict) -> dict:
    """What the analysts pick from: the dropdowns' options, and the years of the marks the
    first chart draws (so date ranges fall where the events are, as often as they are)."""
    figure = find_props(layout, "timeline")["figure"]
    years = [
        int(str(x)[:4])
        for trace in figure["data"]
        for x in trace.get("x") or ()
        if x and str(x)[:4].isdigit()
    ]
    return {
        "countries": [o["value"] for o in find_props(layout, "filter-country")["options"]],
        "types": [o["value"] for o in find_props(layout, "filter-type")["options"]],
        "years": years,
    }


class Page:
    """The callbacks of the page, as /_dash-dependencies declares them, turned into bodies."""

    def __init__(self, dependencies: list[dict]) -> None:
        server_side = [d for d in dependencies if not d.get("clientside_function")]
        self.sync = next(d for d in server_side if d["output"].startswith("..view-state.data"))
        self.panels = {
            name: next(
                d
                for d in server_side
                if key in d["output"] and d["inputs"][0]["id"] == "view-state"
            )
            for name, key in PANELS.items()
        }

    @staticmethod
    def _outputs(spec: dict) -> list | dict:
        """The outputs the page names: the grid mounted once, other patterns matching none."""
        names = (
            spec["output"].strip(".").split("...")
            if spec["output"].startswith("..")
            else [spec["output"]]
        )
        outputs = []
        for name in names:
            component, prop = name.rsplit(".", 1)
            if component.startswith("{"):
                outputs.append(
                    [{"id": GRID, "property": prop}] if '"events-grid-table"' in component else []
                )
            else:
                outputs.append({"id": component, "property": prop})
        return outputs if spec["output"].startswith("..") else outputs[0]

    @staticmethod
    def _entries(deps: list[dict], values: dict) -> list:
        return [
            []
            if d["id"].startswith("{")
            else {
                "id": d["id"],
                "property": d["property"],
                "value": values.get(f"{d['id']}.{d['property']}"),
            }
            for d in deps
        ]

    def body(self, spec: dict, values: dict, changed: list[str]) -> dict:
        return {
            "output": spec["output"],
            "outputs": self._outputs(spec),
            "inputs": self._entries(spec["inputs"], values),
            "state": self._entries(spec["state"], values),
            "changedPropIds": changed,
        }


class Analyst:
    """One client: actions on the view, each a view-state request and its three panels."""

    def __init__(self, base: str, page: Page, options: dict, seed: int) -> None:
        self.base, self.page, self.options = base, page, options
        self.random = random.Random(seed)
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "br, gzip"
        self.controls = {"url.search": "", "lane-mode.value": "country", "filter-text.value": ""}
        self.view = {"query": ""}

    def action(self) -> dict:
        """The next change of the controls and the control it came from."""
        kind = self.random.choice(("filter", "lanes", "dates"))
        pick = self.random
        if kind == "filter":
            changes = {
                "filter-country.value": pick.sample(self.options["countries"], pick.randint(1, 2)),
                "filter-type.value": pick.sample(self.options["types"], 1)
                if pick.random() < 0.5
                else [],
            }
            trigger = "filter-country.value"
        elif kind == "lanes":
            current = self.controls["lane-mode.value"]
            changes = {"lane-mode.value": "actor" if current == "country" else "country"}
            trigger = "lane-mode.value"
        else:
            year = pick.choice(self.options["years"])
            changes = {
                "date-range.start_date": f"{year}-01-01",
                "date-range.end_date": f"{year + pick.randint(0, 2)}-12-31",
            }
            trigger = "date-range.end_date"
        return {"kind": kind, "changes": changes, "trigger": trigger}

    def post(self, name: str, body: dict, record, parse: bool = False) -> dict | None:
        """POST one callback request, recording its time; its answer when `parse`."""
        started = time.perf_counter()
        try:
            answer = self.session.post(
                self.base + "/_dash-update-component", json=body, timeout=120
            )
            ok = answer.status_code in (200, 204)
            payload = answer.json() if parse and answer.status_code == 200 else None
        except requests.RequestException:
            ok, payload = False, None
        record(name, time.perf_counter() - started, ok)
        return payload

    def run(self, budget, record) -> None:
        """Act until the shared budget of requests is spent."""
        while budget(4):
            step = self.action()
            self.controls.update(step["changes"])
            body = self.page.body(
                self.page.sync, {**self.controls, "view-state.data": self.view}, [step["trigger"]]
            )
            answer = self.post("view-state (" + step["kind"] + ")", body, record, parse=True)
            if answer and "view-state" in answer.get("response", {}):
                self.view = answer["response"]["view-state"]["data"]
                search = answer["response"].get("url", {}).get("search")
                if search is not None:
                    self.controls["url.search"] = search
            for name, spec in self.page.panels.items():
                values = {
                    "view-state.data": self.view,
                    "grid-mounted.data": self.view,
                    "counts-summary.n_clicks": None,
                }
                self.post(name, self.page.body(spec, values, ["view-state.data"]), record)


def percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--server", choices=("waitress", "dev"), default="waitress")
    args = parser.parse_args()

    print(
        f"machine: {platform.node()} {platform.machine()} {platform.processor() or ''}"
        f" {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = start_server(args.store, port, args.server, args.threads)
    try:
        process = psutil.Process(server.pid)
        plain, packed = first_load(base, "identity"), first_load(base, "br, gzip")
        print(
            f"server: {args.server}"
            + (f", {args.threads} threads" if args.server == "waitress" else "")
            + f"; started and first page served in {time.perf_counter() - started:.1f} s"
        )
        print(
            f"first page load: {plain:,} bytes uncompressed, {packed:,} bytes compressed "
            f"(br/gzip), {plain / packed:.1f}x smaller"
        )
        options = choices(requests.get(base + "/_dash-layout", timeout=60).json())
        page = Page(requests.get(base + "/_dash-dependencies", timeout=60).json())
        rss_before = process.memory_info().rss
        cpu_before = sum(process.cpu_times()[:2])

        latencies: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        lock = threading.Lock()
        left = [args.requests]

        def budget(n: int) -> bool:
            with lock:
                if left[0] < n:
                    return False
                left[0] -= n
                return True

        def record(name: str, seconds: float, ok: bool) -> None:
            with lock:
                latencies[name].append(seconds)
                if not ok:
                    errors[name] += 1

        clients = [
            threading.Thread(target=Analyst(base, page, options, seed).run, args=(budget, record))
            for seed in range(args.clients)
        ]
        began, client_cpu = time.perf_counter(), time.process_time()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed, client_cpu = time.perf_counter() - began, time.process_time() - client_cpu
        rss_after = process.memory_info().rss
        cpu = sum(process.cpu_times()[:2]) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)

    sent = sum(len(v) for v in latencies.values())
    print(
        f"{sent:,} callback requests from {args.clients} clients in {elapsed:.1f} s: "
        f"{sent / elapsed:.1f} requests/s; errors: {sum(errors.values())}"
    )
    print(f"{'callback':<28}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    every: list[float] = []
    for name in sorted(latencies):
        values = latencies[name]
        every += values
        p50, p95, p99 = percentiles(values)
        print(
            f"{name:<28}{len(values):>6}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}"
            f"{p99 * 1000:>9.0f}{errors[name]:>8}"
        )
    p50, p95, p99 = percentiles(every)
    print(
        f"{'all':<28}{len(every):>6}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}{p99 * 1000:>9.0f}"
        f"{sum(errors.values()):>8}"
    )
    print(
        f"server RSS: {rss_before / 2**20:.0f} MB before, {rss_after / 2**20:.0f} MB after; "
        f"server CPU {cpu:.1f} s ({cpu / sent * 1000:.0f} ms per request, "
        f"{cpu / elapsed:.2f} cores busy on average); the clients' CPU {client_cpu:.1f} s"
    )
    worst = max(percentiles(v)[1] for v in latencies.values())
    print(
        f"target p95 <= 800 ms per callback: {'met' if worst <= 0.8 else 'MISSED'} "
        f"(worst p95 {worst * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
