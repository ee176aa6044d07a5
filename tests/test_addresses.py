"""Stable addresses (issue 14, item 2): ids name things, never their data.

A figure's address is its registry id (``#fig-arms-flow``), a claim's its
claim id (``#claim-C15``), an event's its event id (``#event-E042``) and an
event table's a name of its own (``#table-events``). These tests change one
row of several tables of the real package and regenerate the HTML that
carries the ids: every id must be the same before and after. The built pages
must carry the registry's figure ids on the figures themselves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from analysis import timeline
from analysis.chapters import after, enemies
from analysis.chapters import timeline as timeline_chapter
from analysis.claims.cards import scorecard, scorecard_html
from analysis.figures.registry import CHAPTERS
from analysis.package import DataPackage

_ID = re.compile(r'\bid="((?:claim|event|table|fig)-[\w-]+)"')


def _changed(package: DataPackage) -> DataPackage:
    """The package with one row changed in events, claims and arms_transfers."""
    tables = {name: package[name] for name in package}
    events = tables["events"]
    events.loc[events.index[0], "title"] = "A title changed by a data update"
    claims = tables["claims"]
    claims.loc[claims.index[-1], "reason"] = str(claims.loc[claims.index[-1], "reason"]) + " Updated."
    arms = tables["arms_transfers"]
    arms.loc[arms.index[0], "tiv"] = float(arms.loc[arms.index[0], "tiv"]) + 1.0
    return replace(package, tables=tables)


def _ids(package: DataPackage) -> dict[str, list[str]]:
    """The addresses the cards, the event tables and their chapters' tables carry."""
    out = {"cards": _ID.findall(scorecard_html(scorecard(package)))}
    for name, facts in (("timeline", timeline_chapter.facts), ("after", after.facts),
                        ("enemies", enemies.facts)):
        out[name] = sorted({m for value in facts(package).values()
                            for m in _ID.findall(str(getattr(value, "data", "")))})
    return out


def test_ids_stay_when_a_data_row_changes(package: DataPackage) -> None:
    before, later = _ids(package), _ids(_changed(package))
    assert later == before
    claims = set(package["claims"]["claim_id"])
    assert {i.removeprefix("claim-") for i in before["cards"] if i.startswith("claim-")} == claims
    events = set(package["events"]["event_id"])
    assert {i.removeprefix("event-") for i in before["timeline"] if i.startswith("event-")} == events
    assert "table-events" in before["timeline"] and "table-after-events" in before["after"]
    assert "table-enemies-events" in before["enemies"]


def test_event_row_ids_are_the_event_ids(package: DataPackage) -> None:
    rows = package["events"].head(3)
    text = timeline.event_table(rows, package["event_sources"], package["publishers"],
                                table_id="table-x")
    assert _ID.findall(text) == ["table-x", *(f"event-{e}" for e in sorted(rows["event_id"]))]


@pytest.mark.book
@pytest.mark.browser
def test_every_figure_has_its_registry_id_on_its_page(built_book: Path) -> None:
    missing = []
    for chapter, ids in CHAPTERS.items():
        page = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        found = set(re.findall(r'<figure[^>]*\bid="([^"]+)"', page))
        missing += [f"{chapter}: {ident}" for ident in ids if ident not in found]
    assert not missing, missing
