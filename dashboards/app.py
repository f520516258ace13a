"""The Dash app: `create_app(store)` builds it, `serve(store)` runs it on 127.0.0.1.

Nothing is read at import: the layout is built per page load and the store is read on
first use (serve() warms it, and the default view's panels, in the background so the
first visitor does not wait). The page draws with assets/plotly-timeline.min.js, plotly's
published partial bundle (npm `plotly.js-basic-dist-min` 4.1.1: scatter, bar and pie, no
WebGL; licence beside it), instead of dcc's full one.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from pathlib import Path

from dash import Dash

from dashboards import callbacks, data, layout
from dashboards.state import ViewState
from tracker.errors import StoreError

ASSETS = Path(__file__).resolve().parent / "assets"
log = logging.getLogger(__name__)


def create_app(store: str | Path) -> Dash:
    """A Dash app showing the store at `store` (fixed here: no path is ever read from a URL)."""
    root = Path(store)
    app = Dash(__name__, assets_folder=str(ASSETS), title="Sanctions & policy event tracker",
               update_title=None, suppress_callback_exceptions=True,
               assets_ignore=r".*\.(json|md)$")
    app.layout = partial(layout.build, root)
    callbacks.register(app, root)
    return app


def warm(store: str | Path) -> None:
    """Load the store and draw the default view's panels now, so the first page is fast.

    Logs, never raises: the page says what is wrong.
    """
    try:
        if data.summary(Path(store)) is not None:
            callbacks.first_panels(Path(store), ViewState())
    except StoreError as error:
        log.warning("could not preload the store: %s", error)


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 8050,
          debug: bool = False) -> None:
    """Run the dashboard on host:port (localhost only unless told otherwise)."""
    app = create_app(store)
    threading.Thread(target=warm, args=(store,), daemon=True).start()
    app.run(host=host, port=port, debug=debug)
