"""The Dash app: `create_app(store)` builds it, `serve(store)` runs it on 127.0.0.1.

Nothing is read at import: the layout is built per page load and the store is read on
first use (serve() warms it, and the default view's panels, in the background so the
first visitor does not wait). The page draws with assets/plotly-timeline.min.js, plotly's
published partial bundle (npm `plotly.js-basic-dist-min` 4.1.1: scatter, bar and pie, no
WebGL; licence beside it), instead of dcc's full one.

Served by waitress, one process with several threads: the store's in-memory DuckDB
database and the panel caches (tracker.query, callbacks.first_panels) are per process,
so threads share one copy where worker processes would each load and hold their own;
DuckDB releases the GIL while it queries. `serve(dev=True)` runs Flask's development
server instead. Requests are limited to MAX_REQUEST_BYTES (413 beyond), callback
requests are checked before any callback runs (dashboards.guard: 400, logged as a
warning), responses are compressed (flask-compress: brotli or gzip) and the scripts,
whose URLs name their version, are cached by browsers for a year.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from pathlib import Path

import flask
import waitress
from dash import Dash
from dash.fingerprint import check_fingerprint
from flask_compress import Compress

from dashboards import callbacks, data, guard, layout
from dashboards.state import ViewState
from tracker.errors import RequestError, StoreError

ASSETS = Path(__file__).resolve().parent / "assets"
MAX_REQUEST_BYTES = 1024 * 1024
YEAR_SECONDS = 365 * 24 * 3600
THREADS = 8
log = logging.getLogger(__name__)


def create_app(store: str | Path) -> Dash:
    """A Dash app showing the store at `store` (fixed here: no path is ever read from a URL)."""
    root = Path(store)
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title="Sanctions & policy event tracker",
        update_title="",  # the tab keeps its title while callbacks run
        suppress_callback_exceptions=True,
        assets_ignore=r".*\.(json|md)$",
    )
    app.layout = partial(layout.build, root)
    callbacks.register(app, root)
    _guard_requests(app)
    _compress_and_cache(app.server)
    return app


def _guard_requests(app: Dash) -> None:
    """Bound request bodies, and answer callback requests no page sends with 400."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    @server.before_request
    def check_callback_request() -> None:
        if flask.request.method == "POST" and flask.request.path.endswith(
            "/_dash-update-component"
        ):
            try:
                body = flask.request.get_json(silent=True)
            except RecursionError as error:  # json's own limit on nesting
                raise RequestError("the request's JSON is nested too deep") from error
            guard.check_callback_body(body, app.callback_map)

    @server.errorhandler(RequestError)
    def refuse(error: RequestError) -> tuple[str, int, dict]:
        log.warning("refused a request to %s: %s", flask.request.path, error)
        return f"Bad request: {error}", 400, {"Content-Type": "text/plain; charset=utf-8"}


class _AssetCache:
    """Compressed scripts and styles, kept for the process's life (flask-compress's cache).

    Keyed by path without the version part of the URL, so the cache holds at most one
    entry per file and algorithm; responses that are not assets are never kept.
    """

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self._data[key] = value


def _asset_key(request: flask.Request) -> str:
    """The cache key of a compressed response: a versioned asset's path with the version
    taken out (any version names the same file), else "" (not kept)."""
    return check_fingerprint(request.path)[0] if _versioned_asset(request) else ""


def _versioned_asset(request: flask.Request) -> bool:
    """A GET of a script or style whose URL names its version, so its body never changes.

    Dash puts the version in component-suite file names (".v4_4_1m1796673000.js") and
    adds "?m=<modification time>" to the files of the assets folder.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if "/_dash-component-suites/" in request.path:
        return check_fingerprint(request.path)[1]
    return "/assets/" in request.path and "m" in request.args


def _compress_and_cache(server: flask.Flask) -> None:
    """Compress responses (brotli, else gzip) and let browsers keep versioned assets a year."""
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],
        COMPRESS_CACHE_BACKEND=_AssetCache,
        COMPRESS_CACHE_KEY=_asset_key,
    )

    @server.after_request
    def cache_versioned_assets(response: flask.Response) -> flask.Response:
        if _versioned_asset(flask.request) and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR_SECONDS
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response

    Compress(server)


def warm(store: str | Path) -> None:
    """Load the store and draw the default view's panels now, so the first page is fast.

    Logs, never raises: the page says what is wrong.
    """
    try:
        if data.summary(Path(store)) is not None:
            callbacks.first_panels(Path(store), ViewState())
    except StoreError as error:
        log.warning("could not preload the store: %s", error)


def serve(
    store: str | Path,
    host: str = "127.0.0.1",
    port: int = 8050,
    threads: int = THREADS,
    dev: bool = False,
) -> None:
    """Run the dashboard on host:port (localhost only unless told otherwise) until Ctrl+C.

    waitress with `threads` threads, or Flask's development server when `dev`.
    """
    app = create_app(store)
    threading.Thread(target=warm, args=(store,), daemon=True).start()
    if dev:
        app.run(host=host, port=port, debug=False)
        return
    server = waitress.create_server(
        app.server,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=MAX_REQUEST_BYTES,
        ident="tracker",
    )
    print(
        f"Serving on http://{host}:{port} (waitress, {threads} threads); Ctrl+C stops", flush=True
    )
    server.run()
