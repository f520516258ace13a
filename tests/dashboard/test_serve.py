"""Serving: callback requests no page sends get 400 (no traceback), bodies over 1 MB get 413,
scripts come compressed and cached for a year, and `tracker serve` runs waitress."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import brotli
import flask
import pytest
import requests
from store_builder import build_store

from dashboards import app as app_module
from dashboards import callbacks, data, ids
from dashboards.state import ViewState, input_check
from tracker import cli
from tracker.query import EventFilter

ROOT = Path(__file__).resolve().parents[2]
UPDATE = "/_dash-update-component"
DEFAULTS = {
    f"{ids.URL}.search": "",
    f"{ids.LANES}.value": "country",
    f"{ids.TEXT}.value": "",
    f"{ids.STATE}.data": {"query": ""},
}


@pytest.fixture(scope="module")
def app(store):
    return app_module.create_app(store)


def callback_body(
    app, name: str, values: dict | None = None, changed: tuple[str, ...] = ()
) -> dict:
    """The body the page posts to run the callback `name`: every input and state with its
    value from `values` (else a default), pattern inputs matching no component."""
    values = {**DEFAULTS, **(values or {})}
    output, spec = next(
        (key, s)
        for key, s in app.callback_map.items()
        if getattr(s.get("callback"), "__name__", "") == name
    )

    def entry(dep_id: str, prop: str):
        if dep_id.startswith("{"):
            return values.get(f"{dep_id}.{prop}", [])
        return {"id": dep_id, "property": prop, "value": values.get(f"{dep_id}.{prop}")}

    names = output.strip(".").split("...") if output.startswith("..") else [output]
    outputs = [entry(*name.rsplit(".", 1)) for name in names]  # "prop@hash" when shared
    for out in outputs:
        if isinstance(out, dict):
            out.pop("value")
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [entry(d["id"], d["property"]) for d in spec["inputs"]],
        "state": [entry(d["id"], d["property"]) for d in spec["state"]],
        "changedPropIds": list(changed),
    }


def post(app, body, caplog) -> int:
    """POST a callback body; the status, after checking nothing was logged as an error."""
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        status = app.server.test_client().post(UPDATE, json=body).status_code
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    return status


CHIP = '{"field":["ALL"],"type":"chip","value":["ALL"]}.n_clicks'
JUNK = [  # (callback, input, value no control sends)
    ("sync_state", f"{ids.DATES}.start_date", "2019-02-30"),
    ("sync_state", f"{ids.DATES}.start_date", ["2019-01-01"]),
    ("sync_state", f"{ids.DATES}.end_date", 20190101),
    ("sync_state", f"{ids.COUNTRY}.value", "VEN"),
    ("sync_state", f"{ids.COUNTRY}.value", [["VEN"]]),
    ("sync_state", f"{ids.TYPE}.value", [None]),
    ("sync_state", f"{ids.ACTOR}.value", {"name": "x"}),
    ("sync_state", f"{ids.TEXT}.value", 5),
    ("sync_state", f"{ids.LANES}.value", "spiral"),
    ("sync_state", f"{ids.LANES}.value", ["actor"]),
    ("sync_state", f"{ids.TIMELINE}.clickData", {"points": "x"}),
    ("sync_state", f"{ids.TIMELINE}.clickData", [1, 2]),
    ("sync_state", f"{ids.RANGE}.data", {"xaxis.range[0]": "soon", "xaxis.range[1]": "later"}),
    ("sync_state", f"{ids.RANGE}.data", {"xaxis.range": [None, None]}),
    ("sync_state", f"{ids.RANGE}.data", {"xaxis.range": [{"a": 1}, 2]}),
    ("sync_state", f"{ids.RANGE}.data", {"xaxis.autorange": "yes"}),
    ("sync_state", f"{ids.RANGE}.data", "junk"),
    ("sync_state", f"{ids.ROW}.data", {"rowId": ["x"]}),
    ("sync_state", f"{ids.ROW}.data", {"rowId": "../../etc/passwd"}),
    ("sync_state", f"{ids.KEYS}.data", {"key": ["ArrowRight"]}),
    ("sync_state", f"{ids.KEYS}.data", ["ArrowRight"]),
    ("sync_state", f"{ids.CLEAR}.n_clicks", "1"),
    ("sync_state", f"{ids.CLEAR}.n_clicks", -1),
    ("sync_state", f"{ids.URL}.search", {"country": "VEN"}),
    ("sync_state", f"{ids.STATE}.data", []),
    ("sync_state", f"{ids.STATE}.data", {"query": 5}),
    (
        "sync_state",
        CHIP,
        [
            {
                "id": {"type": ids.CHIP, "field": ["countries"], "value": "VEN"},
                "property": "n_clicks",
                "value": 1,
            }
        ],
    ),
    (
        "sync_state",
        CHIP,
        [
            {
                "id": {"type": ids.CHIP, "field": "countries", "value": "VEN"},
                "property": "n_clicks",
                "value": "one",
            }
        ],
    ),
    ("render_timeline", f"{ids.STATE}.data", "?country=VEN"),
    ("render_table", f"{ids.GRID_MOUNTED}.data", [1]),
    ("mount_grid", f"{ids.GRID_WANTED}.data", {"query": ["?lanes=actor"]}),
    ("switch_page", f"{ids.PAGE}.pathname", ["/methods"]),
    ("download_csv", f"{ids.CSV}.n_clicks", 1.5),
]


@pytest.mark.parametrize(
    ("name", "prop_id", "junk"),
    JUNK,
    ids=[f"{n}:{p.split('.')[-1]}={v!r}"[:60] for n, p, v in JUNK],
)
def test_a_value_no_control_sends_is_refused_with_400_and_no_error_logged(
    app, caplog, name, prop_id, junk
):
    body = callback_body(
        app, name, {prop_id: junk}, changed=(prop_id,) if not prop_id.startswith("{") else ()
    )
    assert post(app, body, caplog) == 400
    assert "refused a request" in caplog.text


@pytest.mark.parametrize(
    "change",
    [
        lambda b: "not a callback request",
        lambda b: {**b, "output": "grid-wanted.data"},  # a clientside callback's output
        lambda b: {**b, "output": "nowhere.children"},
        lambda b: {**b, "inputs": b["inputs"][:-1]},
        lambda b: {**b, "inputs": [{"id": "elsewhere", "property": "value"}, *b["inputs"][1:]]},
        lambda b: {**b, "inputs": [["x"], *b["inputs"][1:]]},
        lambda b: {**b, "state": "junk"},
        lambda b: {**b, "outputs": {"id": 1}},
        lambda b: {**b, "changedPropIds": ["elsewhere.value"]},
        lambda b: {**b, "changedPropIds": [["url.search"]]},
    ],
    ids=[
        "not-an-object",
        "clientside-output",
        "unknown-output",
        "missing-input",
        "foreign-input",
        "list-input",
        "state-not-a-list",
        "outputs-junk",
        "foreign-trigger",
        "trigger-a-list",
    ],
)
def test_a_request_not_shaped_like_the_callbacks_is_refused_with_400(app, caplog, change):
    body = change(callback_body(app, "sync_state", changed=(f"{ids.URL}.search",)))
    assert post(app, body, caplog) == 400


@pytest.mark.parametrize("body", [b"\xff{", b"[" * 100_000], ids=["not-json", "nested-deep"])
def test_a_body_that_is_not_json_is_refused_with_400(app, caplog, body):
    with caplog.at_level(logging.WARNING):
        answer = app.server.test_client().post(UPDATE, data=body, content_type="application/json")
    assert answer.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("name", "values", "changed"),
    [
        ("sync_state", {f"{ids.COUNTRY}.value": ["VEN"]}, f"{ids.COUNTRY}.value"),
        ("sync_state", {f"{ids.LANES}.value": "actor"}, f"{ids.LANES}.value"),
        (
            "sync_state",
            {f"{ids.DATES}.start_date": "2019-01-01", f"{ids.DATES}.end_date": "2019-12-31"},
            f"{ids.DATES}.end_date",
        ),
        (
            "sync_state",
            {
                f"{ids.RANGE}.data": {
                    "xaxis.range[0]": "2019-01-01 06:00:00.5",
                    "xaxis.range[1]": "2019-03-01",
                }
            },
            f"{ids.RANGE}.data",
        ),
        ("sync_state", {f"{ids.KEYS}.data": {"key": "ArrowRight"}}, f"{ids.KEYS}.data"),
        (
            "sync_state",
            {
                CHIP.rsplit(".", 1)[0] + ".n_clicks": [
                    {
                        "id": {"type": ids.CHIP, "field": "countries", "value": "Nicolás"},
                        "property": "n_clicks",
                        "value": 1,
                    }
                ]
            },
            '{"field":"countries","type":"chip","value":"Nicolás"}.n_clicks',
        ),
        (
            "render_timeline",
            {f"{ids.STATE}.data": {"query": "?country=VEN&lanes=actor"}},
            f"{ids.STATE}.data",
        ),
        (
            "render_detail",
            {f"{ids.STATE}.data": {"query": "?event=ffffffffffffffff&open=1"}},
            f"{ids.STATE}.data",
        ),
        ("fill_counts", {f"{ids.COUNTS_SUMMARY}.n_clicks": 1}, f"{ids.COUNTS_SUMMARY}.n_clicks"),
        ("switch_page", {f"{ids.PAGE}.pathname": "/methods"}, f"{ids.PAGE}.pathname"),
    ],
)
def test_what_the_page_sends_is_answered(app, caplog, name, values, changed):
    body = callback_body(app, name, values, changed=(changed,))
    assert post(app, body, caplog) in (200, 204)


def test_every_callback_input_has_a_check(app):
    def component(dep_id: str) -> str:
        return json.loads(dep_id)["type"] if dep_id.startswith("{") else dep_id

    unchecked = [
        f"{d['id']}.{d['property']}"
        for spec in app.callback_map.values()
        for d in spec["inputs"] + spec["state"]
        if input_check(component(d["id"]), d["property"]) is None
    ]
    assert unchecked == []


def test_a_body_over_one_megabyte_is_refused_with_413(app):
    answer = app.server.test_client().post(
        UPDATE, data=b"x" * (1024 * 1024 + 1), content_type="application/json"
    )
    assert answer.status_code == 413


def page_scripts(client) -> list[str]:
    """The script URLs of the page."""
    html = client.get("/").get_data(as_text=True)
    return [part.split('"', 1)[0] for part in html.split('<script src="')[1:]]


def test_scripts_come_compressed_and_cached_for_a_year(app):
    client = app.server.test_client()
    scripts = page_scripts(client)
    assert any("/assets/" in s for s in scripts) and any("component-suites" in s for s in scripts)
    for url in scripts:
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        for encoding, expand in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            packed = client.get(url, headers={"Accept-Encoding": encoding})
            assert packed.headers["Content-Encoding"] == encoding, url
            assert expand(packed.data) == plain.data, url
            assert packed.headers["Cache-Control"] is not None, url
            assert packed.cache_control.max_age >= 365 * 24 * 3600, url
            assert not packed.cache_control.no_cache, url


def test_callback_answers_come_compressed_and_are_not_cached(app):
    body = callback_body(
        app, "render_timeline", {f"{ids.STATE}.data": {"query": ""}}, (f"{ids.STATE}.data",)
    )
    answer = app.server.test_client().post(UPDATE, json=body, headers={"Accept-Encoding": "br"})
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "br"
    assert answer.cache_control.max_age is None


def test_serve_runs_waitress_unless_dev_is_asked(monkeypatch):
    calls = []
    monkeypatch.setattr(app_module, "serve", lambda store, **kw: calls.append(kw))
    assert cli.main(["serve", "--store", "s", "--threads", "4"]) == 0
    assert cli.main(["serve", "--store", "s", "--dev", "--port", "9000"]) == 0
    assert calls == [
        {"host": "127.0.0.1", "port": 8050, "threads": 4, "dev": False},
        {"host": "127.0.0.1", "port": 9000, "threads": 8, "dev": True},
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tracker_serve_limits_bodies_compresses_and_stops_on_ctrl_c(store):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", "--store", str(store), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                page = requests.get(base + "/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert page.headers["Server"] == "tracker"  # waitress, named by `ident`
        big = requests.post(
            base + UPDATE,
            data=b"x" * (2 * 1024 * 1024),
            timeout=10,
            headers={"Content-Type": "application/json"},
        )
        assert big.status_code == 413
        renderer = [s for s in page.text.split('<script src="')[1:] if "dash_renderer" in s][0]
        packed = requests.get(
            base + renderer.split('"', 1)[0], timeout=10, headers={"Accept-Encoding": "br"}
        )
        assert packed.headers["Content-Encoding"] == "br"
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert f"Serving on http://127.0.0.1:{port}" in out
    assert server.returncode == 0
    assert "Traceback" not in err


def test_the_timeline_callback_lays_out_the_counts_table_only_once_opened(app, monkeypatch):
    client = app.server.test_client()
    client.get("/_dash-layout")  # the page itself comes with its panels
    laid_out = []
    real = callbacks.panels.counts_table
    monkeypatch.setattr(
        callbacks.panels, "counts_table", lambda *a, **k: laid_out.append(1) or real(*a, **k)
    )
    for opened in (None, 1):
        body = callback_body(
            app,
            "render_timeline",
            {f"{ids.STATE}.data": {"query": ""}, f"{ids.COUNTS_SUMMARY}.n_clicks": opened},
            (f"{ids.STATE}.data",),
        )
        answer = client.post(UPDATE, json=body).get_json()["response"]
        assert (ids.COUNTS_TABLE in answer) == bool(opened)
    assert len(laid_out) == 1


def test_panels_of_a_view_are_queried_once_per_store_generation(tmp_path, monkeypatch):
    root = build_store(tmp_path / "store")
    asked = []
    for name in ("selection", "lane_points"):
        real = getattr(data.query, name)
        monkeypatch.setattr(
            data.query,
            name,
            lambda *a, real=real, name=name, **k: asked.append(name) or real(*a, **k),
        )
    view = ViewState(EventFilter(countries=("VEN",)))
    for state in (view, view.replace(event="ffffffffffffffff", open=True)):
        data.table(root, state)
        data.timeline(root, state)
    assert asked == ["selection", "lane_points"]
    build_store(root)  # the same articles again: a new generation
    data.table(root, view)
    data.timeline(root, view.replace(lanes="actor"))
    assert asked == ["selection", "lane_points"] * 2


def test_the_compressed_scripts_kept_are_one_per_file_whatever_version_is_asked(app):
    renderer = next(s for s in page_scripts(app.server.test_client()) if "dash_renderer" in s)
    keys = set()
    for version in ("v1_0_0m1", "v2_0_0m2", "v3_0_0m3"):
        asked = re.sub(r"\.v[\w-]+m[0-9a-fA-F]+\.", f".{version}.", renderer)
        assert app.server.test_client().get(asked).status_code == 200
        with app.server.test_request_context(asked):
            keys.add(app_module._asset_key(flask.request))
    assert len(keys) == 1 and "" not in keys
    with app.server.test_request_context("/_dash-layout"):
        assert app_module._asset_key(flask.request) == ""  # never kept
