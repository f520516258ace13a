"""Browser fixtures: Debian's headless Chromium, one app server on a store built once.

The store comes from the real pipeline (`tracker.pipeline.ingest`) over the seed article
and a few articles of ../shared/corpus, plus the hand-built hostile article (HTML and
<script> in its text) written through the store; see tests/dashboard/store_builder.py.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
from store_builder import ROOT, SEED, build_analyst_store, ingest_store  # noqa: E402

# A shared 2-core machine can take seconds to draw under load: wait for the assertion,
# never for a fixed time, but give it room.
expect.set_options(timeout=20_000)

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
CORPUS = ROOT / ".." / "shared" / "corpus"
CORPUS_FILES = (
    "news-reuters21578/reut2-newid01963.xml",
    "news-reuters21578/reut2-newid02936.xml",
    "news-reuters21578/reut2-newid03112.xml",
    "news-reuters21578/reut2-newid07525.xml",
    "news-reuters21578/reut2-newid15693.xml",
    "news-postlight-fixtures/abcnews.go.com.html",
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium (never a downloaded build)."""
    if not os.path.exists(CHROMIUM):
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            "needs Debian chromium: apt-get install -y chromium"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    """The seed and part of ../shared/corpus, ingested by the pipeline."""
    files = [CORPUS / name for name in CORPUS_FILES]
    if not all(f.exists() for f in files):
        pytest.skip("needs ../shared/corpus (third-party data beside the repository)")
    return ingest_store(tmp_path_factory.mktemp("browser") / "store", [SEED, *files])


@pytest.fixture(scope="session")
def dash_url(store):
    """The app on a free localhost port, for the whole session."""
    from dashboards.app import create_app

    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def analyst_store(tmp_path_factory) -> Path:
    """The analyst's hand-built store (tests/dashboard/store_builder.py)."""
    return build_analyst_store(tmp_path_factory.mktemp("analyst") / "store")


@pytest.fixture(scope="session")
def analyst_url(analyst_store):
    """The app over the analyst's store on a free localhost port, for the whole session."""
    from dashboards.app import create_app

    server = make_server("127.0.0.1", 0, create_app(analyst_store).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-results/screenshots/ (git ignores test-results/): the main views at 1440x900."""
    folder = ROOT / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory):
    """The app over a store of the whole ../shared/corpus (the pipeline, about 40 s)."""
    from dashboards.app import create_app
    from tracker.pipeline import ingest

    if not CORPUS.is_dir():
        pytest.skip("needs ../shared/corpus (third-party data beside the repository)")
    store = tmp_path_factory.mktemp("corpus") / "store"
    ingest([CORPUS], store)
    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
