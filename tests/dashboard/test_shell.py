"""The page shell: language, unique ids, filters that fold and the chart's phone layout."""

from __future__ import annotations

from collections import Counter

from dash import dcc, html
from test_callbacks import find

from dashboards import app as app_module
from dashboards import ids, layout, panels, shell
from tracker import query
from tracker.query import EventFilter


def all_ids(component) -> list:
    """Every id in a component tree (pattern ids as sorted item tuples)."""
    found = []
    if getattr(component, "id", None) is not None:
        cid = component.id
        found.append(tuple(sorted(cid.items())) if isinstance(cid, dict) else cid)
    children = (
        component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    )
    if isinstance(children, (list, tuple)):
        found += [i for c in children for i in all_ids(c)]
    elif children is not None and not isinstance(children, str):
        found += all_ids(children)
    return found


def test_the_served_page_declares_its_language(store):
    app = app_module.create_app(store)
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert '<html lang="en">' in page


def test_no_two_elements_of_the_page_share_an_id_even_with_the_evidence_open(store):
    event = query.selection(store, EventFilter(event_types=("ASSUME_POWER",)))["event_id"][0]
    page = layout.build(store)
    opened = panels.detail_panel(query.event_detail(store, event), True)
    counted = Counter(all_ids(page) + all_ids(opened))
    assert [i for i, n in counted.items() if n > 1] == []
    assert counted[ids.CLOSE_DETAIL] == 1


def test_on_a_phone_the_legend_goes_below_the_plot_and_labels_inside_it():
    tweak = shell.phone_relayout()
    assert tweak["legend.orientation"] == "h"
    assert tweak["legend.y"] < 0 and tweak["legend.yanchor"] == "top"
    assert tweak["yaxis.ticklabelposition"] == "inside"
    assert tweak["margin.l"] + tweak["margin.r"] <= 20


def test_the_filters_fold_behind_a_button_that_says_whether_they_are_open(store):
    page = layout.build(store)
    toggle = next(b for b in find(page, html.Button) if b.id == ids.FILTERS_TOGGLE)
    fold = next(d for d in find(page, html.Div) if getattr(d, "id", None) == ids.FILTERS_FOLD)
    assert getattr(toggle, "aria-expanded") == "false"
    assert getattr(toggle, "aria-controls") == ids.FILTERS_FOLD
    assert any(c.id == ids.TYPE for c in find(fold, dcc.Dropdown))
