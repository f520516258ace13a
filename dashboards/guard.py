"""Callback requests checked against the callbacks the app declares, before Dash runs them.

Dash hands a callback whatever the request body holds. A body the page could not have sent
(an unknown output, missing or extra inputs, an input of another component, a value of the
wrong kind) used to reach the callbacks and end in a 500 with a logged traceback. Here it
raises RequestError, which the app answers with 400: one place for every callback, with
each value checked by dashboards.state.check_input.
"""

from __future__ import annotations

import json

from dashboards.state import check_input
from tracker.errors import RequestError

WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])


def check_callback_body(body: object, callback_map: dict) -> None:
    """Refuse (RequestError) a callback request body that does not fit the app's callbacks."""
    if not isinstance(body, dict):
        raise RequestError("a callback request must be a JSON object")
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        raise RequestError(f"no server callback has the output {str(output)[:80]!r}")
    _check_outputs(body.get("outputs"), spec["output"])
    sent: set[tuple[str, str]] = set()
    for part in ("inputs", "state"):
        items = body.get(part, [])
        declared = spec[part]
        if not isinstance(items, list) or len(items) != len(declared):
            raise RequestError(f"{part}: expected {len(declared)} entries")
        for item, want in zip(items, declared, strict=True):
            for entry in _entries(item, want["id"], part):
                _check_entry(entry, want["id"], want["property"], part)
                check_input(_component(entry["id"]), entry["property"], entry.get("value"))
                sent.add((_canonical(entry["id"]), entry["property"]))
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(_changed(c) in sent for c in changed):
        raise RequestError("changedPropIds must name inputs of the request")


def _check_outputs(outputs: object, declared: object) -> None:
    """The outputs the request names must be the callback's own, in its order."""
    wanted = declared if isinstance(declared, list) else [declared]
    given = outputs if isinstance(declared, list) else [outputs]
    if not isinstance(given, list) or len(given) != len(wanted):
        raise RequestError(f"outputs: expected {len(wanted)} entries")
    for item, want in zip(given, wanted, strict=True):
        for entry in _entries(item, want.component_id_str(), "outputs"):
            if isinstance(entry, dict) and isinstance(entry.get("property"), str):
                # an output shared with another callback (allow_duplicate) is "prop@hash"
                entry = {**entry, "property": entry["property"].split("@", 1)[0]}
            _check_entry(entry, want.component_id_str(), want.component_property, "outputs")


def _entries(item: object, declared_id: str, part: str) -> list:
    """The entries of one declared input: a list of them for an ALL pattern, else one."""
    pattern = _pattern(declared_id)
    if pattern is not None and ["ALL"] in pattern.values():
        if not isinstance(item, list):
            raise RequestError(f"{part}: {declared_id} takes a list")
        return item
    return [item]


def _check_entry(entry: object, declared_id: str, prop: str, part: str) -> None:
    """One entry must be {"id": the declared id (or a match of its pattern), "property"}."""
    if not isinstance(entry, dict) or entry.get("property") != prop:
        raise RequestError(f"{part}: expected {declared_id}.{prop}")
    pattern = _pattern(declared_id)
    given = entry.get("id")
    if pattern is None:
        if given != declared_id:
            raise RequestError(f"{part}: expected {declared_id}.{prop}")
        return
    if (
        not isinstance(given, dict)
        or set(given) != set(pattern)
        or not all(
            isinstance(given[k], str | int | float | bool) and (v in WILDCARDS or given[k] == v)
            for k, v in pattern.items()
        )
    ):
        raise RequestError(f"{part}: expected an id matching {declared_id}")


def _pattern(declared_id: str) -> dict | None:
    """The pattern of a declared pattern-matching id ('{"type":...}'), None for a plain id."""
    return json.loads(declared_id) if declared_id.startswith("{") else None


def _component(component_id: str | dict) -> str:
    """The name a value check knows a component by: its id, or a pattern id's "type"."""
    return str(component_id.get("type")) if isinstance(component_id, dict) else component_id


def _canonical(component_id: str | dict) -> str:
    """One spelling of an id, to compare ids however their JSON was written."""
    return json.dumps(component_id, sort_keys=True)


def _changed(prop_id: object) -> tuple[str, str] | None:
    """A changedPropIds entry ('id.property', the id as JSON for a pattern) as an id key."""
    if not isinstance(prop_id, str) or "." not in prop_id:
        return None
    name, prop = prop_id.rsplit(".", 1)
    if name.startswith("{"):
        try:
            return _canonical(json.loads(name)), prop
        except json.JSONDecodeError:
            return None
    return _canonical(name), prop
