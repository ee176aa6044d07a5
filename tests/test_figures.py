"""Every registered figure, one by one: valid spec, renders, titled, sourced, draws its data.

Parametrised over the whole registry, so no chart a chapter shows escapes; the
expected values come from each figure's own data step on the real package.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import vl_convert

from analysis.figures.alignment import giver_rows, trade_data, trade_title
from analysis.figures.__main__ import main
from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.names import name
from analysis.paths import BOOK_DIR
from analysis.site.sphinx_vega import VEGA_LITE_VERSION, static_spec
from analysis.theme import COLOURS, MUTED, PALETTE, TEXT, ink, use_house_theme

IDS = list(FIGURES)
_BUILT: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


@pytest.fixture
def built(package, request) -> tuple[dict[str, Any], dict[str, Any]]:
    """The figure's inputs (from its data step) and its spec, built once per session."""
    ident = request.param
    if ident not in _BUILT:
        use_house_theme()
        entry = FIGURES[ident]
        inputs = dict(entry.data(package))
        _BUILT[ident] = inputs, entry.build(inputs).to_dict(validate=True)
    return _BUILT[ident]


each = pytest.mark.parametrize("built", IDS, indirect=True)

def test_every_chapter_figure_is_registered() -> None:
    shown: dict[str, list[str]] = {}
    for md in sorted(BOOK_DIR.glob("*.md")):
        ids = re.findall(r"```\{glue:figure\} (fig-\S+)", md.read_text(encoding="utf-8"))
        if ids:
            shown[md.stem] = ids
    assert {c: sorted(i) for c, i in shown.items()} == {c: sorted(i) for c, i in CHAPTERS.items()}
    assert sorted(i for ids in CHAPTERS.values() for i in ids) == sorted(FIGURES)


@each
def test_spec_round_trips_without_nan(built) -> None:
    _, spec = built
    text = json.dumps(spec, allow_nan=False)
    assert json.loads(text) == spec


@each
def test_static_render(built) -> None:
    _, spec = built
    svg = vl_convert.vegalite_to_svg(static_spec(spec, 600), vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")


@each
def test_title_source_line_and_alt_text(built) -> None:
    _, spec = built
    title = spec["title"]
    assert title["text"] and title["subtitle"]
    assert any(line.startswith(("Source", "Information from")) for line in title["subtitle"])
    assert len(spec["description"]) > 40
    assert spec["config"]["range"]["category"], "the house theme is on"


@each
def test_title_fits(built) -> None:
    title = built[1]["title"]
    assert len(title["text"]) <= 45 and all(len(line) <= 55 for line in title["subtitle"])


@each
def test_only_house_colours(built) -> None:
    house = (*PALETTE, *COLOURS.values(), TEXT, MUTED)
    allowed = {c.lower() for c in (*house, *(ink(c) for c in house))}  # text may take a colour's ink
    spec = {k: v for k, v in built[1].items() if k != "config"}  # the theme's own greys
    used = {c.lower() for c in re.findall(r'"(#[0-9a-fA-F]{6})"', json.dumps(spec))}
    assert used <= allowed, used - allowed


@pytest.mark.parametrize("ident", IDS)
def test_entry_is_complete(package, ident: str) -> None:
    entry = FIGURES[ident]
    assert entry.id == ident and entry.caption.strip()
    known = {source["id"] for source in package.descriptor["sources"]}
    assert entry.sources and set(entry.sources) <= known
    assert entry.needs and set(entry.needs) <= set(package.keys())


class _Guarded:
    """The package, but only the resources a figure declares it needs."""

    def __init__(self, package: Any, needs: tuple[str, ...]) -> None:
        self._package, self._needs, self.read = package, needs, set()
        self.descriptor = package.descriptor

    def __getitem__(self, key: str) -> pd.DataFrame:
        self.read.add(key)
        assert key in self._needs, f"reads {key!r}, not among its needs"
        return self._package[key]

    def __contains__(self, key: str) -> bool:
        return key in self._package

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._package, attr)


@pytest.mark.parametrize("ident", IDS)
def test_data_step_reads_only_what_it_needs(package, ident: str) -> None:
    entry = FIGURES[ident]
    guarded = _Guarded(package, entry.needs)
    entry.data(guarded)
    assert guarded.read == set(entry.needs)


# -- the data each chart draws equals what its data step produced ---------------------------------


def _melt_orders(table: pd.DataFrame, _: dict) -> pd.DataFrame:
    units = pd.concat([table["number_ordered"], table["number_delivered"]]).astype("Float64").fillna(0)
    return pd.DataFrame({"label": pd.concat([table["label"]] * 2).to_numpy(), "units": units.to_numpy()})


def _melt_ranks(standing: pd.DataFrame, _: dict) -> pd.DataFrame:
    parts = [standing[["year", f"rank_{c.lower()}"]].set_axis(["year", "rank"], axis=1).assign(who=name(c))
             for c in ("RUS", "CHN", "USA")]
    return pd.concat(parts).dropna(subset=["rank"])


def _window(frame: pd.DataFrame, inputs: dict) -> pd.DataFrame:
    start = frame["year"].min() if inputs["start"] is None else inputs["start"]
    end = frame["year"].max() if inputs["end"] is None else inputs["end"]
    return frame[frame["year"].between(start, end)]


def _recorded_rows(strip: pd.DataFrame) -> pd.DataFrame:
    """The obligation strip as drawn: rows named by the giver, only types recorded in some year."""
    strip = strip.assign(row=giver_rows(strip))
    return strip[strip["row"].isin(strip.loc[strip["status"] == "Obligation", "row"])]


def _runs_to_years(rows: list[dict]) -> list[dict]:
    return [{**row, "year": year} for row in rows for year in range(row["from"], row["to"])]


_TIMELINE = ("frame", ["title", "date_label", "category", "direction"], _window)
Drawn = tuple[str, list[str], Callable[[pd.DataFrame, dict], pd.DataFrame] | None]
DRAWN: dict[str, Drawn] = {
    "fig-overview-scorecard": ("card", ["claim_id", "paragraph", "verdict"], None),
    "fig-scorecard": ("card", ["claim_id", "paragraph", "verdict"], None),
    "fig-timeline": _TIMELINE,
    "fig-syria-timeline": _TIMELINE,
    "fig-after-timeline": _TIMELINE,
    "fig-enemies-war": ("flows", ["year", "recipient", "tiv"], None),
    "fig-enemies-suppliers": ("shares", ["period", "supplier", "tiv", "share"], None),
    "fig-thaw-rank": ("ranks", ["year", "window", "rank", "n_customers", "share"],
                      lambda f, _: f.dropna(subset=["rank"])),
    "fig-thaw-brush": ("years", ["year", "recipient", "recipient_code", "tiv"], None),
    "fig-ukraine-orders": ("table", ["label", "units"], _melt_orders),
    "fig-arms-flow": ("flows", ["year", "flow", "tiv"], None),
    "fig-ideal-distance": ("distances", ["year", "series", "distance"], None),
    "fig-ideal-points": ("points", ["year", "series", "ideal_point", "low", "high"], None),
    "fig-kappa": ("lines", ["year", "series", "kappa", "agreement"], None),
    "fig-agreement": ("lines", ["year", "series", "agreement"], None),
    "fig-issues": ("grid", ["decade", "issue", "share_identical", "kappa"], None),
    "fig-iran-votes": ("grid", ["year", "voter", "vote"], None),
    "fig-council": ("grid", ["label", "voter", "vote"], None),
    "fig-dividing": ("counts", ["issue", "side", "votes"], None),
    "fig-partner-rank": ("standing", ["year", "who", "rank"], _melt_ranks),
    "fig-obligations": ("strip", ["row", "year", "status"], lambda f, _: _recorded_rows(f)),
    "fig-trade": ("flows", ["year", "flow", "value_musd"], None),
    "fig-sipri-revisions": ("yearly", ["year", "kind", "tiv_change"], None),
}


def _value(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, numbers.Real) and math.isnan(value)):
        return None
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return round(float(value), 9)
    return str(value)


def _drawn_rows(spec: dict, columns: list[str]) -> Counter:
    rows: list[dict] = []
    for values in spec["datasets"].values():
        if values and {"from", "to", "years"} <= set(values[0]):
            values = _runs_to_years(values)
        if values and set(columns) <= set(values[0]):
            rows += values
    return Counter(tuple(_value(row.get(c)) for c in columns) for row in rows)


def test_drawn_table_covers_the_registry() -> None:
    assert sorted(DRAWN) == sorted(FIGURES)


@each
def test_chart_draws_its_data(built, request) -> None:
    inputs, spec = built
    key, columns, prepare = DRAWN[request.node.callspec.params["built"]]
    frame = inputs[key] if prepare is None else prepare(inputs[key], inputs)
    expected = Counter(tuple(_value(v) for v in row) for row in frame[columns].itertuples(index=False))
    assert expected and _drawn_rows(spec, columns) == expected


def test_cli_lists_ids(capsys) -> None:
    assert main(["--list"]) == 0
    assert capsys.readouterr().out.split() == IDS


def test_cli_writes_svg(tmp_path: Path, capsys, package) -> None:
    assert main(["fig-trade", "--out", str(tmp_path)]) == 0
    svg = (tmp_path / "fig-trade.svg").read_text(encoding="utf-8")
    title = trade_title(trade_data(package)["flows"])
    assert svg.startswith("<svg") and title in svg
    assert capsys.readouterr().out.strip().endswith("fig-trade.svg")
    with pytest.raises(SystemExit):
        main(["fig-nothing"])


def test_glue_figures_glues_each_id_hidden(package, monkeypatch) -> None:
    import myst_nb

    from analysis.book import glue_figures

    glued: list[tuple[str, bool]] = []
    monkeypatch.setattr(myst_nb, "glue", lambda key, value, display=True: glued.append((key, display)))
    glue_figures(["fig-trade", "fig-obligations"], package)
    assert glued == [
        ("fig-trade", False), ("fig-trade-caption", False),
        ("fig-obligations", False), ("fig-obligations-caption", False),
    ]
