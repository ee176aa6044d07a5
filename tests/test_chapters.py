"""Thin chapters: each chapter's code only calls its facts and figures, and they agree.

Three kinds of test:

* the chapters' code cells are thin (no loops, functions, indexing or merges);
* every glue name a chapter's prose uses comes from its ``facts()`` or is a
  registered figure, and ``facts()`` returns plain, repeatable values;
* the helpers behind the facts agree with plain pandas on the package.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from IPython.display import HTML, Markdown

from analysis import DataPackage, alliances, deals, events, ranks, transfers
from analysis.chapters import alignment, common, data, scorecard, thaw, ukraine
from analysis import provenance
from analysis.provenance import Fact
from analysis.claims.rules import C15_WINDOWS, verdict_of
from analysis.names import SOVIET_RUSSIA
from analysis.paths import BOOK_DIR as BOOK
from analysis.wording import ordinal

#: Every chapter, by file stem; its facts live in ``analysis.chapters.<stem>``.
CHAPTERS = sorted(path.stem for path in BOOK.glob("*.md"))

#: The data page keeps executed reuse examples for readers; only its first cell is thin.
THIN_CHAPTERS = [stem for stem in CHAPTERS if stem != "data"]

#: Most non-comment lines a chapter's code cell may hold.
MAX_CELL_LINES = 10

_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.S | re.M)
_GLUE_ROLE = re.compile(r"\{glue(?::text|:md)?:?\}`([^`:]+)(?::[^`]*)?`")
_FIGURE_BLOCK = re.compile(r"^```\{glue:figure\}\s+(\S+)\n((?::[^\n]*\n)*)\n(.*?)\n```", re.S | re.M)
_GLUE_BLOCK = re.compile(r"^```\{glue:?(?:figure)?\}\s+(\S+)", re.M)
_FORBIDDEN = {
    "a loop": re.compile(r"^\s*(for|while)\b|\bfor\b.+\bin\b"),
    "a function definition": re.compile(r"^\s*(def|class)\b"),
    "a lambda": re.compile(r"\blambda\b"),
    "pandas indexing": re.compile(r"\.(i?loc|at|iat)\["),
    "pd.concat": re.compile(r"\bconcat\("),
    "bracket indexing": re.compile(r"[\w)\]]\["),
}


def _cells(stem: str) -> list[str]:
    return _CELL.findall((BOOK / f"{stem}.md").read_text(encoding="utf-8"))


def _code_lines(cell: str) -> list[str]:
    return [
        line for line in cell.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", ":"))
    ]


def _facts_module(stem: str) -> ModuleType:
    return importlib.import_module(f"analysis.chapters.{stem}")


def _prose_names(stem: str) -> set[str]:
    text = _CELL.sub("", (BOOK / f"{stem}.md").read_text(encoding="utf-8"))
    return set(_GLUE_ROLE.findall(text)) | set(_GLUE_BLOCK.findall(text))


def _figure_ids(stem: str) -> set[str]:
    """Figure ids the chapter's first cell passes to ``glue_figures``."""
    ids: set[str] = set()
    tree = ast.parse("\n".join(_code_lines(_cells(stem)[0])))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glue_figures":
            ids |= {element.value for element in node.args[0].elts}  # type: ignore[attr-defined]
    return ids


def _registered_figures() -> set[str]:
    from analysis.figures import registry

    return set(registry.FIGURES)


def _plain(value: object) -> object:
    """A comparable form of a glued value: the markup of a table, a Fact's value, else the value."""
    if isinstance(value, Fact):
        return value.value
    return value.data if isinstance(value, HTML | Markdown) else value


# ---------------------------------------------------------------------------
# Thin cells
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("stem", THIN_CHAPTERS)
def test_chapter_cells_are_thin(stem: str) -> None:
    cells = _cells(stem)
    assert cells, f"{stem}.md has no code cell"
    for cell in cells:
        lines = _code_lines(cell)
        assert len(lines) <= MAX_CELL_LINES, f"{stem}.md: a cell of {len(lines)} lines"
        for line in lines:
            for what, pattern in _FORBIDDEN.items():
                assert not pattern.search(line), f"{stem}.md has {what}: {line.strip()!r}"
        assert f"{stem}.facts(package)" in cell, f"{stem}.md does not glue its facts"


def test_data_page_first_cell_is_thin() -> None:
    lines = _code_lines(_cells("data")[0])
    assert len(lines) <= MAX_CELL_LINES
    assert "data.facts(package)" in "\n".join(lines)


def test_no_series_code_typed_in_chapters() -> None:
    for stem in CHAPTERS:
        assert SOVIET_RUSSIA not in (BOOK / f"{stem}.md").read_text(encoding="utf-8"), stem


# ---------------------------------------------------------------------------
# Glue names and facts
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def all_facts(package: DataPackage) -> dict[str, dict[str, object]]:
    return {stem: _facts_module(stem).facts(package) for stem in CHAPTERS}


@pytest.mark.parametrize("stem", CHAPTERS)
def test_every_glue_name_is_a_fact_or_a_figure(
    stem: str, all_facts: dict[str, dict[str, object]]
) -> None:
    figures = _figure_ids(stem)
    unregistered = figures - _registered_figures()
    assert not unregistered, f"{stem}.md shows unregistered figures {sorted(unregistered)}"
    captions = {f"{ident}-caption" for ident in figures}
    unknown = _prose_names(stem) - set(all_facts[stem]) - figures - captions
    assert not unknown, f"{stem}.md uses glue names nobody produces: {sorted(unknown)}"


@pytest.mark.parametrize("stem", CHAPTERS)
def test_figure_captions_come_from_the_registry(stem: str) -> None:
    """A figure's caption is written once, in its registry entry, and glued."""
    text = (BOOK / f"{stem}.md").read_text(encoding="utf-8")
    for ident, _options, body in _FIGURE_BLOCK.findall(text):
        assert body.strip() == f"{{glue:md}}`{ident}-caption:myst`", (
            f"{stem}.md types a caption for {ident}; write it in analysis.figures.registry"
        )


@pytest.mark.parametrize("stem", CHAPTERS)
def test_facts_are_plain_and_repeatable(
    stem: str, package: DataPackage, all_facts: dict[str, dict[str, object]]
) -> None:
    first = all_facts[stem]
    for key, value in first.items():
        assert type(_plain(value)) in (int, float, str) or type(value) in (HTML, Markdown), (
            f"{stem}: {key} is {type(value)}")
    again = _facts_module(stem).facts(package)
    assert list(again) == list(first)
    assert {k: _plain(v) for k, v in again.items()} == {k: _plain(v) for k, v in first.items()}


# ---------------------------------------------------------------------------
# Helpers, against plain pandas on the package or small tables
# ---------------------------------------------------------------------------


def test_prefixed_keeps_order_and_selects_keys() -> None:
    values = {"b": 1, "a": 2, "c": 3}
    assert list(common.prefixed("x_", values)) == ["x_b", "x_a", "x_c"]
    assert common.prefixed("x_", values, ["c", "a"]) == {"x_c": 3, "x_a": 2}
    with pytest.raises(KeyError):
        common.prefixed("x_", values, ["d"])


def test_dates_names_every_event(package: DataPackage) -> None:
    ids = package["events"]["event_id"].head(3).tolist()
    labels = events.date_labels(package["events"], ids)
    assert provenance.plain(common.dates(package, ids)) == {f"date_{i}": labels[i] for i in ids}


def test_period_share_and_suppliers(package: DataPackage) -> None:
    shares = ranks.supplier_shares(package["arms_transfers"], "IRN", [(1980, 1989)])
    top = shares.sort_values("share", ascending=False).iloc[0]
    assert common.period_share(shares, 1980, 1989, top["supplier_series"]) == top["share"]
    assert common.period_suppliers(shares, 1980, 1989) == len(shares)
    assert common.period_suppliers(shares, 1990, 1999) == 0
    with pytest.raises(ValueError, match="no share"):
        common.period_share(shares, 1990, 1999, SOVIET_RUSSIA)


def test_defence_check_is_the_chapters_window(package: DataPackage) -> None:
    check = common.defence_check(package)
    assert check["since"] == common.DEFENCE_SINCE
    table = package["alliances"]
    assert check["atop_last"] == int(table.loc[table["atop_defense"].notna(), "year"].max())


def test_phase_counts_read_the_phase_in_its_years(package: DataPackage) -> None:
    table, phases = package["events"], package["phases"]
    row = phases[phases["phase_id"] == "syria"].iloc[0]
    rows = table[(table["phase_id"] == "syria")
                 & table["start_date"].dt.year.between(row["start_year"], row["end_year"])]
    balance = common.phase_balance(package, "syria")
    assert {d: balance[d] for d in events.DIRECTIONS} == {
        d: int((rows["direction"] == d).sum()) for d in events.DIRECTIONS}
    grades = common.phase_grades(package, "syria")
    assert grades["total"] == int((table["phase_id"] == "syria").sum())
    assert sum(grades[g] for g in ("confirmed", "reported", "claimed", "disputed")) == grades["total"]
    years = common.event_years(table, phases)
    assert years == {"first": int(table["start_date"].dt.year.min()), "last": int(table["start_date"].dt.year.max())}


def test_table_counts_read_the_package(package: DataPackage) -> None:
    assert common.row_count(package["events"]) == len(package["events"])
    assert common.total_rows(package) == sum(len(package[name]) for name in package)
    assert common.resource_count(package) == len(package.descriptor["resources"])
    assert common.source_count(package) == len(package.descriptor["sources"])
    assert common.last_year(package["alliances"]) == int(package["alliances"]["year"].max())


def test_claim_figures_come_from_the_rules(package: DataPackage) -> None:
    c15, c03 = verdict_of(package, "C15").evidence, verdict_of(package, "C03").evidence
    assert common.claim_figure(package, "C15", "rank_2000") == c15["rank_2000"]
    assert common.claim_percent(package, "C15", "share_2000") == 100 * c15["share_2000"]
    assert common.claim_count(package, "C03", "defence_pledge_years") == len(c03["defence_pledge_years"])
    assert common.claim_rank_texts(package, "C15", "rank_2000")["rank_2000_word"] == ordinal(c15["rank_2000"])
    delivered = verdict_of(package, "C29").evidence["su35_delivered"]
    assert common.claim_figure(package, "C29", "su35_delivered", otherwise="none") == (delivered or "none")
    counts = common.scorecard_counts(package)
    card = pd.DataFrame(package["claims"])
    assert counts["n_claims"] == len(card)
    assert counts["n_data"] + counts["n_sources"] == len(card)
    assert counts["n_data"] == int((card["basis"] == "data").sum())
    assert 0 <= counts["n_agree"] <= counts["n_data"]


def test_defence_figures_and_years_text(package: DataPackage) -> None:
    check = common.defence_check(package)
    assert common.defence_year_count(package) == len(check["defence_years"])
    assert common.defence_data_last_year(package) == max(check["atop_last"], check["cow_last"])
    assert common.defence_years_words(package) == common.years_text(len(check["defence_years"]))
    assert [common.years_text(n) for n in (0, 1, 2, 1200)] == ["no year", "one year", "2 years", "1,200 years"]
    with pytest.raises(ValueError):
        common.years_text(-1)


def test_soviet_contracts_counts_orders_to_1991(package: DataPackage) -> None:
    register = package["arms_deals"]
    rows = register[
        register["supplier_code"].isin(["SUN", "RUS"])
        & (register["recipient_code"] == "IRN")
        & register["order_year"].between(1989, 1991)
    ]
    counts = thaw.soviet_contracts(register)
    assert counts["soviet_orders"] == len(rows)
    assert counts["soviet_full"] == int((rows["number_delivered"] >= rows["number_ordered"]).sum())
    assert counts["soviet_after_1991"] == int((rows["last_delivery_year"] > 1991).sum())


def test_window_ranks_cover_the_claims_windows(package: DataPackage) -> None:
    arms = package["arms_transfers"]
    found = thaw.window_ranks(arms)
    assert len(found) == 6 * len(C15_WINDOWS)
    for start, end in C15_WINDOWS:
        table = ranks.customer_table(arms, SOVIET_RUSSIA, start, end)
        iran = table[table["recipient_code"] == "IRN"].iloc[0]
        assert found[f"rank_{start}_{end}"] == iran["rank"]
        assert found[f"rank_{start}_{end}_word"] == ordinal(int(iran["rank"]))
        assert found[f"share_{start}_{end}"] == pytest.approx(iran["tiv"] / table["tiv"].sum())
        assert found[f"n_{start}_{end}"] == len(table)
        leaders = table.sort_values("rank")["recipient"].head(2).tolist()
        assert found[f"leaders_{start}_{end}"] == " and ".join(leaders)


def test_best_single_year_is_the_first_best(package: DataPackage) -> None:
    arms = package["arms_transfers"]
    single = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", *thaw.RANK_YEARS).dropna()
    best = thaw.best_single_year(arms)
    assert best["best_rank"] == single["rank"].min()
    assert best["best_rank_year"] == single.loc[single["rank"] == best["best_rank"], "year"].min()


def test_s300_years_come_from_claim_c16(package: DataPackage) -> None:
    evidence = verdict_of(package, "C16").evidence
    found = thaw.s300(package)
    assert found["s300_old_order"] == str(evidence["s300_first_order_year"])
    assert found["s300_cancelled"] == str(evidence["s300_cancelled"])[:4]
    assert found["s300_delivered_year"] in evidence["s300_delivery_years"]
    history = deals.deal_history(package["arms_deals"], SOVIET_RUSSIA, "IRN", "S-300")
    assert found["s300_rows"] == len(history)
    assert found["s300_designation"] in set(history["designation"])


def _register(*rows: tuple[str, str, int, str, object, int, object, object]) -> pd.DataFrame:
    columns = ["supplier_code", "recipient_code", "order_year", "designation", "number_ordered",
               "number_delivered", "first_delivery_year", "last_delivery_year"]
    frame = pd.DataFrame(list(rows), columns=columns)
    return frame.assign(description="", status="New")


def test_orders_both_ways_and_their_texts() -> None:
    register = _register(
        ("RUS", "IRN", 2023, "Su-35S", 24, 0, None, None),
        ("IRN", "RUS", 2022, "Shahed-136", 6600, 4600, 2022, 2024),
        ("IRN", "RUS", 2010, "Old", 1, 1, 2011, 2011),
    )
    orders = ukraine.orders_both_ways(register, "RUS", "IRN", 2015)
    assert orders["designation"].tolist() == ["Su-35S", "Shahed-136"]
    assert ukraine.order_texts(orders, "Shahed-136") == {
        "ordered": "6,600", "delivered": "4,600", "order_year": 2022,
        "first": 2022, "last": 2024, "size": "for 6,600", "delivered_words": "4,600",
    }
    su35 = ukraine.order_texts(orders, "Su-35S")
    assert (su35["delivered"], su35["first"], su35["last"]) == ("0", "none", "none")
    assert su35["delivered_words"] == "none"
    found = common.order_between(register, "RUS", "IRN", 2015, "Shahed-136")
    assert found["ordered"] == "6,600" and found["delivered_share"] == pytest.approx(4600 / 6600)
    assert common.order_between(register, "RUS", "IRN", 2015, "Su-35S")["delivered_share"] == 0


def test_flow_facts_match_the_yearly_sums(package: DataPackage) -> None:
    arms = package["arms_transfers"]
    found = provenance.plain(ukraine.flow(package))
    back = transfers.tiv_by_year(arms, "IRN", SOVIET_RUSSIA, *ukraine.WAR_YEARS)["tiv"].sum()
    out = transfers.tiv_by_year(arms, SOVIET_RUSSIA, "IRN", *ukraine.WAR_YEARS)["tiv"].sum()
    assert found["iran_to_russia_2022_2024"] == pytest.approx(back)
    assert found["russia_to_iran_2022_2024"] == pytest.approx(out)
    assert found["last_year"] == ukraine.NET_YEARS[1]
    assert str(found["reversal_year"]) == str(found["ahead_years"]).split(", ")[0]


def test_phase_agreement_is_the_mean_over_each_phase(package: DataPackage) -> None:
    un_votes, phases = package["un_votes"], package["phases"]
    found = alignment.phase_agreement(un_votes, phases)
    for phase_id in alignment.PHASES:
        phase = phases[phases["phase_id"] == phase_id].iloc[0]
        rows = un_votes[(un_votes["pair"] == "RUS-IRN")
                        & un_votes["year"].between(phase["start_year"], phase["end_year"])]
        assert found[f"agree_{phase_id}"] == pytest.approx(rows["agreement"].mean(), abs=1e-6)


def test_extremes_and_best_rank(package: DataPackage) -> None:
    un_votes, partners = package["un_votes"], package["un_vote_partners"]
    found = alignment.extremes(un_votes)
    pair = un_votes[un_votes["pair"] == "RUS-IRN"]
    rows = pair[pair["year"].between(*alignment.VOTE_YEARS)]
    assert found["agree_peak"] == rows["agreement"].max()
    assert found["agree_low"] == rows["agreement"].min()
    peaks = rows.loc[rows["agreement"] == found["agree_peak"], "year"]
    assert found["agree_peak_year"] in set(peaks)
    window = partners[partners["year"].between(*alignment.PARTNER_YEARS)]
    best = alignment.best_rank(partners)
    assert best["rus_best_rank"] == window["rank_rus"].min()
    assert best["rus_best_year"] == window.loc[window["rank_rus"].idxmin(), "year"]


def test_trade_facts_read_the_trade_table(package: DataPackage) -> None:
    trade = package["bilateral_trade"]
    found = alignment.trade_facts(trade)
    flows = alliances.trade_flows(trade, "RUS", "IRN", *alignment.TRADE_YEARS)
    to_iran = flows[flows["flow"] == "Russia → Iran"]
    assert found["trade_peak"] == to_iran["value_musd"].max()
    assert found["trade_last_year"] == flows["year"].max()
    last = to_iran[to_iran["year"] == found["trade_last_year"]].iloc[0]
    assert found["trade_2014"] == last["value_musd"]
    assert found["trade_2014_share"] == last["share_of_iran_total"]


def test_sipri_releases_and_html_tables() -> None:
    frame = pd.DataFrame({"sipri_release": [2025, 2023, 2025], "year": [2021, 1990, 2020]})
    assert transfers.sipri_releases(frame) == {
        "release_old": 2023, "release_old_last_year": 1990,
        "release_new": 2025, "release_new_first_year": 2020,
    }
    table = data.html_table(pd.DataFrame({"name": ["<script>"]}))
    assert "<script>" not in table.data and "&lt;script&gt;" in table.data


def test_claim_counts_and_day() -> None:
    card = pd.DataFrame({"verdict": ["unverifiable", "supported", "unverifiable"]})
    assert scorecard.claim_counts(card) == {
        "n_claims": 3, "n_supported": 1, "n_partly": 0, "n_contradicted": 0, "n_unverifiable": 2,
    }
    assert scorecard.day("2024-09-10") == "10 Sep 2024"


def test_chapter_modules_are_short() -> None:
    for path in Path(common.__file__).parent.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, path.name
