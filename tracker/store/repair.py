"""`tracker check` and `tracker repair`: the live generation verified in full, and a damaged
one rebuilt from what can still be read.

`check_store` verifies every file of the live generation against its manifest, checksums
included, and lists the damage. `repair_store` commits a new generation (atomically, like
any write: a kill leaves the store as it was or repaired) holding the rows of every part
that matches the manifest. Unexpected files are left out (their rows were never part of
the generation); a missing, corrupt or unreadable part loses its rows, and with them the
whole of every article it held: the articles' remaining rows in the other tables are
dropped too, so the store stays consistent and a re-ingest of those articles (which the
report names) stores them again. `_index.parquet` is rebuilt from the parts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from tracker.errors import StoreDamaged
from tracker.store.generations import (
    CURRENT,
    Commit,
    Snapshot,
    current,
    failing_writes_reported,
    sweep_temporary_links,
    temporary_links,
    write_durably,
    writer_lock,
)
from tracker.store.integrity import INDEX, Damage, inspect, printable
from tracker.store.schema import SCHEMAS, SORT_KEYS, TABLES
from tracker.store.store import ARTICLE_KEYED, Store
from tracker.store.versions import add_whole_tables, broken_table_links, link_tables

REPORTS_DIR = "reports"
_TEMPORARY_NOTE = "stale temporary link (the next commit removes it)"


@dataclass(frozen=True)
class CheckReport:
    """What `tracker check` found in the live generation."""

    root: Path
    generation: int
    parts: int
    damage: list[Damage]
    checksums: bool  # whether the generation's manifest records checksums
    temporary_links: list[str]
    broken_links: list[str]  # tables whose STORE/<table> link is missing or wrong

    @property
    def clean(self) -> bool:
        """True when every file matches the manifest and every table link is in place."""
        return not self.damage and not self.broken_links

    def lines(self) -> list[str]:
        """The report as `tracker check` prints it."""
        how = (
            "listing, sizes and sha256 checksums verified"
            if self.checksums
            else "checksums absent (written before they were recorded): listing and row "
            f"counts verified; `tracker repair --store {self.root}` or the next ingest "
            "or compact records them"
        )
        out = [f"{self.root}: generation {self.generation}, {self.parts} parts; {how}"]
        out += [f"  {d.line()}" for d in self.damage]
        out += [f"  {printable(name)}: {_TEMPORARY_NOTE}" for name in self.temporary_links]
        out += [
            f"  {t}: the link {t} -> {CURRENT}/{t} is missing or points elsewhere"
            for t in self.broken_links
        ]
        problems = len(self.damage) + len(self.broken_links)
        out.append(
            "clean"
            if self.clean
            else f"damaged: {problems} problem(s); `tracker repair --store "
            f"{self.root}` rebuilds a readable store from the parts that are intact"
        )
        return out


@dataclass
class RepairReport:
    """What `tracker repair` did: the parts left out and the articles whose rows were lost."""

    root: Path
    before: int
    after: int | None = None
    dropped: list[Damage] = field(default_factory=list)
    lost_articles: dict[str, str | None] = field(default_factory=dict)  # id -> source_path
    unnamed_losses: list[str] = field(default_factory=list)  # parts whose articles are unknown
    rows_dropped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    report_path: Path | None = None

    def lines(self) -> list[str]:
        """The report as `tracker repair` prints it."""
        if self.after is None:
            return [
                f"{self.root}: generation {self.before} is intact, no commit needed",
                *[f"  note: {n}" for n in self.notes],
            ]
        out = [f"{self.root}: repaired, generation {self.before} -> {self.after}"]
        out += [f"  dropped {d.line()}" for d in self.dropped]
        out += [f"  note: {n}" for n in self.notes]
        if any(self.rows_dropped.values()):
            out.append(
                "  rows of the lost articles dropped from intact parts: "
                + ", ".join(f"{t} {n}" for t, n in self.rows_dropped.items() if n)
            )
        if self.lost_articles:
            out.append(f"  {len(self.lost_articles)} article(s) lost; re-ingest them:")
            out += [
                f"    {a} {printable(p or '(source unknown)')}"
                for a, p in sorted(self.lost_articles.items())
            ]
        out += [
            f"  the articles of {printable(p)} cannot be named (the index was unreadable)"
            for p in self.unnamed_losses
        ]
        if self.report_path is not None:
            out.append(f"  report written to {self.report_path}")
        return out

    def to_json(self) -> dict:
        """The report as the JSON document written under `<store>/reports/`."""
        return {
            "store": str(self.root),
            "generation_before": self.before,
            "generation_after": self.after,
            "dropped": [{"file": d.path, "problem": d.problem} for d in self.dropped],
            "lost_articles": [
                {"article_id": a, "source_path": p} for a, p in sorted(self.lost_articles.items())
            ],
            "unnamed_losses": self.unnamed_losses,
            "rows_dropped": self.rows_dropped,
            "notes": self.notes,
        }


def check_store(root: Path | str) -> CheckReport:
    """Verify every file of the live generation, checksums included (StoreDamaged when even
    the manifest cannot be read)."""
    root = Path(root)
    Store(root)
    snapshot = current(root)
    damage = inspect(snapshot.path, snapshot.parts, snapshot.files, checksums=True)
    return CheckReport(
        root,
        snapshot.number,
        len(snapshot.parts),
        damage,
        snapshot.files is not None,
        temporary_links(root),
        broken_table_links(root),
    )


def repair_store(root: Path | str) -> RepairReport:
    """Commit a consistent generation from the readable parts of the live one and write
    the report to `<store>/reports/repair-<UTC time>.json`; a generation that is intact
    and records its checksums is left alone."""
    root = Path(root)
    Store(root)
    with failing_writes_reported(root), writer_lock(root):
        sweep_temporary_links(root)
        base, trusted = _live(root)
        report = RepairReport(root, base.number)
        broken = broken_table_links(root)
        if broken:
            link_tables(root)
            report.notes.append(f"table links restored: {', '.join(broken)}")
        damage = inspect(base.path, base.parts, base.files, checksums=True) if trusted else []
        if trusted and not damage and base.files is not None:
            if broken:
                report.report_path = _save(report)
            return report
        commit = Commit(root, base)
        if trusted and not damage:
            for part in base.parts:
                commit.keep(part)
            report.notes.append("checksums recorded for every part")
        else:
            add_whole_tables(commit, _rebuilt_tables(base, trusted, damage, report))
        report.after = commit.publish().number
        report.report_path = _save(report)
    return report


def _live(root: Path) -> tuple[Snapshot, bool]:
    """The live generation and whether its manifest could be read; without one, every
    parquet file of its table folders stands in for its parts."""
    try:
        return current(root), True
    except StoreDamaged:
        path = root / os.readlink(root / CURRENT)
        listed = {
            f"{t}/{p.name}": -1
            for t in TABLES
            if (path / t).is_dir()
            for p in (path / t).iterdir()
            if p.suffix == ".parquet"
        }
        return Snapshot(path=path, number=int(path.name), parts=listed), False


def _rebuilt_tables(
    base: Snapshot, trusted: bool, damage: list[Damage], report: RepairReport
) -> dict[str, pa.Table]:
    """The four tables from the intact parts, without any row of an article that lost
    rows; what was dropped and lost goes into `report`."""
    if not trusted:
        report.notes.append(
            "the manifest was unreadable: every readable part was kept and "
            "duplicate rows removed; parts missing from the folders cannot "
            "be known"
        )
    bad = {d.path for d in damage}
    report.dropped.extend(d for d in damage if d.table is not None)
    if INDEX in bad:
        report.notes.append(f"{INDEX} was damaged and is rebuilt from the parts")
    pieces: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
    lost_parts = [
        d.path for d in damage if d.table is not None and not d.problem.startswith("unexpected")
    ]
    for part in sorted(p for p in base.parts if p not in bad):
        try:
            pieces[part.split("/", 1)[0]].append(base.read_part(part))
        except (OSError, pa.ArrowException) as error:
            report.dropped.append(Damage(part, f"unreadable ({str(error).splitlines()[0]})"))
            lost_parts.append(part)
    tables = {
        t: _unique_rows(pa.concat_tables(pieces[t]) if pieces[t] else None, t) for t in TABLES
    }
    lost = _articles_of(base, lost_parts, INDEX not in bad, report)
    return _without_lost_articles(tables, lost, report)


def _articles_of(
    base: Snapshot, parts: list[str], index_ok: bool, report: RepairReport
) -> set[str]:
    """The article ids the index gives for the lost `parts` (actors parts hold none); a
    part the index cannot speak for is recorded as an unnamed loss."""
    keyed = [p for p in parts if p.split("/", 1)[0] in ARTICLE_KEYED]
    if not keyed:
        return set()
    try:
        index = base.index() if index_ok else None
    except (OSError, pa.ArrowException):
        index = None
    if index is None:
        report.unnamed_losses.extend(keyed)
        return set()
    chosen = index.filter(pc.is_in(index["part"], pa.array(keyed, pa.string())))
    return set(chosen["article_id"].to_pylist())


def _without_lost_articles(
    tables: dict[str, pa.Table], lost: set[str], report: RepairReport
) -> dict[str, pa.Table]:
    """The tables without every row of the lost articles, after adding to them the articles
    whose rows are incomplete: events without their article, events whose actor links
    name an actor that is gone. Actor links of lost events go too."""
    articles, events, links = tables["articles"], tables["events"], tables["event_actors"]
    known = set(articles["article_id"].to_pylist())
    owner = dict(zip(events["event_id"].to_pylist(), events["article_id"].to_pylist(), strict=True))
    actors = set(tables["actors"]["actor_id"].to_pylist())
    lost |= {a for a in owner.values() if a not in known}
    lost |= {
        owner[e]
        for e, a in zip(links["event_id"].to_pylist(), links["actor_id"].to_pylist(), strict=True)
        if e in owner and a not in actors
    }
    paths = dict(
        zip(articles["article_id"].to_pylist(), articles["source_path"].to_pylist(), strict=True)
    )
    report.lost_articles.update({a: paths.get(a) for a in lost})
    gone = pa.array(sorted(lost), pa.string())
    kept_events = events.filter(pc.invert(pc.is_in(events["article_id"], gone)))
    result = {
        "articles": articles.filter(pc.invert(pc.is_in(articles["article_id"], gone))),
        "events": kept_events,
        "actors": tables["actors"],
        "event_actors": links.filter(pc.is_in(links["event_id"], kept_events["event_id"])),
    }
    report.rows_dropped = {t: tables[t].num_rows - result[t].num_rows for t in TABLES}
    return result


def _unique_rows(table: pa.Table | None, name: str) -> pa.Table:
    """`table` with one row per id (the first), so parts that overlap count once; an empty
    table of `name` for None."""
    if table is None:
        return SCHEMAS[name].empty_table()
    keys = list(SORT_KEYS[name])
    numbered = pa.table(
        {
            **{k: table[k].cast(pa.string()) for k in keys},
            "row": pa.array(range(table.num_rows), pa.int64()),
        }
    )
    first = numbered.group_by(keys, use_threads=False).aggregate([("row", "min")])["row_min"]
    return table.take(pc.take(first, pc.sort_indices(first)))


def _save(report: RepairReport) -> Path:
    """Write the report as `<store>/reports/repair-<UTC time>.json`, atomically."""
    folder = report.root / REPORTS_DIR
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"repair-{stamp}.json"
    temporary = path.with_suffix(".json.tmp")
    write_durably(temporary, json.dumps(report.to_json(), indent=1) + "\n")
    os.replace(temporary, path)
    return path
