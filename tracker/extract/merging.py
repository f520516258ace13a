"""The same act told twice in one article is one event: its mentions merged into the
best-dated one."""

from __future__ import annotations

from tracker.records import Event


def _side(event: Event, role: str) -> frozenset[str]:
    """Who is on one side, by country where known (a state speaks through many voices)."""
    return frozenset(a.country or a.name for a in event.actors if a.role == role)


def _dates_agree(a: Event, b: Event) -> bool:
    """Two mentions can be one act: one is undated (article date) or both give the same
    date at the same precision. A story that dates one act to the day and another only
    to the month ("in early November" beside "on Wednesday") is telling of two."""
    if "article" in (a.date_source, b.date_source):
        return True
    return (a.date_precision, a.event_date) == (b.date_precision, b.event_date)


def _same_act(a: Event, b: Event) -> bool:
    """Same type, same acting side, compatible targets and dates. Within one sentence a
    mention with no acting side restates the other ("the military took power ... in a 1962
    coup": the coup is the taking of power, and its date the act's)."""
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    sa, sb = _side(a, "source"), _side(b, "source")
    if sa != sb and not (a.sentence_index == b.sentence_index and not (sa and sb)):
        return False
    ta, tb = _side(a, "target"), _side(b, "target")
    if "article" in (a.date_source, b.date_source):
        # an undated mention repeats a dated act only if it names the same targets
        return not ta or not tb or ta == tb
    return (not ta or not tb or bool(ta & tb)) and _dates_agree(a, b)


def _better(a: Event, b: Event) -> Event:
    """Of two mentions of one act, the one that says when it happened, with the other's
    actors added (a later mention often names the target the first left implicit) and the
    better-attested mention's evidence."""
    keep, other = (b, a) if a.date_source == "article" and b.date_source != "article" else (a, b)
    known = {(x.role, x.actor_id) for x in keep.actors}
    keep.actors.extend(x for x in other.actors if (x.role, x.actor_id) not in known)
    keep.evidence = max(keep.evidence, other.evidence)
    return keep


def merge_repeats(events: list[Event]) -> list[Event]:
    """The same act told twice in one article is one event: keep the best-dated mention."""
    kept: list[Event] = []
    for event in events:
        for n, other in enumerate(kept):
            if _same_act(other, event):
                kept[n] = _better(other, event)
                break
        else:
            kept.append(event)
    return kept
