"""Every figure the book shows, by id: where its data comes from and how it is drawn.

One :class:`Figure` per ``{glue:figure}`` id of the chapters. To change a
chart, find its id in the chapter, read its entry below, and edit the data
step or the builder it names in the subject module;
``python -m analysis.figures ID`` writes its SVG.

Examples
--------
>>> FIGURES["fig-arms-flow"].needs
('arms_transfers',)
>>> len(FIGURES) == len(set(FIGURES))
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import altair as alt

from analysis.figures import alignment, arms, customers, orders, scorecard, timeline

Inputs = Mapping[str, Any]


@dataclass(frozen=True)
class Figure:
    """One figure of the book.

    Attributes
    ----------
    id
        The glue name a chapter shows it under (``fig-…``).
    needs
        The package resources the data step reads.
    data
        The data step: the package in, the builder's inputs out.
    build
        The builder: the inputs in, an Altair chart out (pure, no I/O).
    caption
        The figure's caption as the chapter prints it.
    sources
        Ids of the package descriptor's ``sources`` the figure draws on.

    The alt text is the chart's own ``description``, written by the builder
    from the data it draws (see :meth:`alt_text`).
    """

    id: str
    needs: tuple[str, ...]
    data: Callable[[Any], Inputs]
    build: Callable[[Inputs], alt.TopLevelMixin]
    caption: str
    sources: tuple[str, ...]

    def chart(self, package: Any) -> alt.TopLevelMixin:
        """Build the figure's chart from the package."""
        return self.build(self.data(package))

    def alt_text(self, package: Any) -> str:
        """Return the chart's description, its alt text."""
        return str(self.chart(package).to_dict()["description"])


def _spread(builder: Callable[..., alt.TopLevelMixin]) -> Callable[[Inputs], alt.TopLevelMixin]:
    """Return ``builder`` taking its keyword arguments as one mapping."""

    def build(inputs: Inputs) -> alt.TopLevelMixin:
        return builder(**inputs)

    build.__name__ = build.__qualname__ = getattr(builder, "__name__", "build")
    return build


_SIPRI = ("sipri-tiv-tables-2022", "sipri-register-delivery-2025")
_FACTS = ("research-fact-base",)
_TIMELINE = ("events", "phases")
_ARMS = ("arms_transfers", "events")
_CLAIMS = ("claims", "events", "phases", "arms_transfers", "arms_deals", "alliances")

_ENTRIES: tuple[Figure, ...] = (
    Figure(
        "fig-overview-scorecard", _CLAIMS, scorecard.scorecard_data, _spread(scorecard.scorecard_chart),
        "The essay's checkable claims by paragraph, coloured and shaped by our verdict. Hover over a "
        "mark for the claim.",
        _FACTS,
    ),
    Figure(
        "fig-timeline", _TIMELINE, timeline.timeline_data, _spread(timeline.timeline_chart),
        "All events between the Soviet Union or Russia and Iran in the report's table, by category and "
        "direction, with the report's phases below the main view.",
        _FACTS,
    ),
    Figure(
        "fig-enemies-war", _ARMS, arms.war_data, _spread(arms.war_deliveries_chart),
        "Yearly Soviet arms deliveries to Iraq and to Iran, 1979–1990, in millions of SIPRI "
        "trend-indicator values (TIV), with the Iran–Iraq war shaded from the dates in the events "
        "table. Hover over a point for the year's figure.",
        (*_SIPRI, *_FACTS),
    ),
    Figure(
        "fig-enemies-suppliers", ("arms_transfers",), arms.shares_data, _spread(arms.supplier_shares_chart),
        "Shares of Iran's arms imports by supplier and decade, 1970–1999, in SIPRI TIV. The Soviet Union "
        "and Russia are one series; suppliers other than the four named are grouped as \"Others\".",
        _SIPRI,
    ),
    Figure(
        "fig-thaw-rank", _ARMS, customers.rank_data, _spread(customers.customer_rank_chart),
        "Iran's rank among the Soviet Union's and Russia's arms customers, 1990–2024, for each single "
        "year and for trailing five-year windows (rank 1 is the largest customer), with events from the "
        "events table marked. Years without deliveries to Iran are left out.",
        (*_SIPRI, *_FACTS),
    ),
    Figure(
        "fig-thaw-brush", ("arms_transfers",), customers.brush_data, _spread(customers.customer_brush_chart),
        "Upper panel: yearly Soviet/Russian deliveries to Iran, 1990–2024, in millions of SIPRI TIV. "
        "Lower panel: Moscow's twelve largest customers of 1990–2024, ranked (top ten shown) by "
        "deliveries in the years selected by dragging in the upper panel (all years when nothing is "
        "selected), with Iran highlighted. A smaller customer of the whole period could lead in a "
        "short window without appearing here.",
        _SIPRI,
    ),
    Figure(
        "fig-syria-timeline", _TIMELINE, partial(timeline.timeline_data, start=2011, end=2021),
        _spread(timeline.timeline_chart),
        "Events between the two states, 2011–2021, by category and direction. Use the menus to filter "
        "and drag across the lower strip to zoom; hover over a point for its date, a short description, "
        "how well it is verified and its source.",
        _FACTS,
    ),
    Figure(
        "fig-ukraine-orders", ("arms_deals",), orders.orders_data, _spread(orders.ordered_delivered_chart),
        "Units ordered and delivered to the end of 2024 for each arms order between Russia and Iran "
        "placed since 2015, by direction, from SIPRI's trade register. Each panel has its own scale; "
        "\"number not known\" marks orders whose size SIPRI does not give.",
        ("sipri-register-deals-2025",),
    ),
    Figure(
        "fig-arms-flow", ("arms_transfers",), arms.flow_data, _spread(arms.arms_flow_chart),
        "Yearly arms deliveries between the Soviet Union/Russia and Iran, 1979–2024, in millions of "
        "SIPRI trend-indicator values. Hover over a point for the year's figure.",
        _SIPRI,
    ),
    Figure(
        "fig-agreement", ("un_votes", "un_vote_partners", "phases"), alignment.agreement_data,
        _spread(alignment.agreement_chart),
        "Share of UN General Assembly votes on which two states voted alike, by session, 1979–2023. "
        "The dashed grey line is Iran's median voting partner (to 2019). Numbered bands are the "
        "report's phases.",
        ("bsv-unga-idealpoints-2024", "unvotes-rpkg-2021", *_FACTS),
    ),
    Figure(
        "fig-partner-rank", ("un_vote_partners",), alignment.partner_rank_data,
        _spread(alignment.partner_rank_chart),
        "Rank of Russia, China and the United States among Iran's voting partners in each General "
        "Assembly session, 1979–2019 (1 = the state that voted most often like Iran). The dashed grey "
        "line is the number of partners, which is last place.",
        ("unvotes-rpkg-2021",),
    ),
    Figure(
        "fig-obligations", ("alliances",), alignment.obligations_data, _spread(alignment.obligation_strip_chart),
        "Obligations that Moscow and Washington took on toward Tehran, by year and type, in ATOP (to "
        "2018) and COW (to 2012).",
        ("atop", "cow-alliance"),
    ),
    Figure(
        "fig-trade", ("bilateral_trade",), alignment.trade_data, _spread(alignment.trade_chart),
        "Goods trade between Russia (the Soviet Union to 1991) and Iran, 1979–2014, in millions of "
        "current US dollars, as reported by the importer. Gaps are years with no figure; the zeros of "
        "the 1980s for Soviet imports from Iran are a reporting gap rather than proof of no trade.",
        ("cow-trade",),
    ),
    Figure(
        "fig-after-timeline", _TIMELINE, partial(timeline.timeline_data, start=2023, end=2026),
        _spread(timeline.timeline_chart),
        "Events between the two states, 2023–2026. Triangles mark partly verified events. Use the menus "
        "to filter, drag across the lower strip to zoom, and hover for details and sources.",
        _FACTS,
    ),
    Figure(
        "fig-scorecard", _CLAIMS, scorecard.scorecard_data, _spread(scorecard.scorecard_chart),
        "The essay's claims by paragraph, coloured and shaped by our verdict. Hover over a dot to read "
        "the claim.",
        _FACTS,
    ),
)

#: Every figure of the book by id, in the order the chapters show them.
FIGURES: dict[str, Figure] = {figure.id: figure for figure in _ENTRIES}

#: The ids each chapter shows, in order (``book/<chapter>.md``).
CHAPTERS: dict[str, tuple[str, ...]] = {
    "index": ("fig-overview-scorecard",),
    "timeline": ("fig-timeline",),
    "enemies": ("fig-enemies-war", "fig-enemies-suppliers"),
    "thaw": ("fig-thaw-rank", "fig-thaw-brush"),
    "syria": ("fig-syria-timeline",),
    "ukraine": ("fig-ukraine-orders",),
    "arms": ("fig-arms-flow",),
    "alignment": ("fig-agreement", "fig-partner-rank", "fig-obligations", "fig-trade"),
    "after": ("fig-after-timeline",),
    "scorecard": ("fig-scorecard",),
}


def figure(ident: str) -> Figure:
    """Return the registered figure ``ident``; unknown ids raise ``KeyError`` naming the known ones."""
    try:
        return FIGURES[ident]
    except KeyError:
        raise KeyError(f"no figure {ident!r}; known: {', '.join(FIGURES)}") from None
