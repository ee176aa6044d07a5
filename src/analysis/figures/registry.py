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
from typing import Any

import altair as alt

from analysis.figures import alignment, arms, council, customers, orders, revisions, scorecard, timeline, unga
from analysis.figures.meta import META_KEY, figure_usermeta
from analysis.phases import phase_years

Inputs = Mapping[str, Any]

#: Class of the caption text that only a screen shows (print CSS hides it).
SCREEN_ONLY = "rir-screen-only"


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
        The figure's caption, true on screen and on paper.
    sources
        Ids of the package descriptor's ``sources`` the figure draws on.
    on_screen
        What the reader can do with the chart on a screen (hover, tap, drag,
        filter); shown after the caption on screen only, never in print.

    The alt text is the chart's own ``description``, written by the builder
    from the data it draws (see :meth:`alt_text`).
    """

    id: str
    needs: tuple[str, ...]
    data: Callable[[Any], Inputs]
    build: Callable[[Inputs], alt.TopLevelMixin]
    caption: str
    sources: tuple[str, ...]
    on_screen: str = ""

    def caption_markdown(self) -> str:
        """Return the caption as the chapter glues it: the hint for screens in a span print hides.

        Examples
        --------
        >>> entry = Figure("fig-x", (), dict, dict, "Deliveries by year.", (), "Hover over a bar.")
        >>> entry.caption_markdown()
        'Deliveries by year. [Hover over a bar.]{.rir-screen-only}'
        >>> Figure("fig-y", (), dict, dict, "Deliveries.", ()).caption_markdown()
        'Deliveries.'
        """
        if not self.on_screen:
            return self.caption
        return f"{self.caption} [{self.on_screen}]{{.{SCREEN_ONLY}}}"

    def chart(self, package: Any) -> alt.TopLevelMixin:
        """Build the figure's chart from the package, with what the book's views need in ``usermeta``.

        ``usermeta`` (ignored by Vega) holds, under :data:`~analysis.figures.meta.META_KEY`, the
        figure's id, caption, resources and sources (title, release, licence, credit line), the
        package's version and date and the datasets of the chart's main data
        (:func:`analysis.figures.meta.figure_usermeta`). A package without a descriptor (a bare
        mapping of tables) gets the chart alone.
        """
        chart = self.build(self.data(package))
        descriptor = getattr(package, "descriptor", None)
        if descriptor is None:
            return chart
        meta = figure_usermeta(self, chart.to_dict(validate=False), descriptor)
        return chart.properties(usermeta={META_KEY: meta})

    def alt_text(self, package: Any) -> str:
        """Return the chart's description, its alt text."""
        return str(self.chart(package).to_dict()["description"])


def _spread(builder: Callable[..., alt.TopLevelMixin]) -> Callable[[Inputs], alt.TopLevelMixin]:
    """Return ``builder`` taking its keyword arguments as one mapping."""

    def build(inputs: Inputs) -> alt.TopLevelMixin:
        return builder(**inputs)

    build.__name__ = build.__qualname__ = getattr(builder, "__name__", "build")
    return build


def _phase_timeline(phase_id: str) -> Callable[[Any], Inputs]:
    """Return the data step of a timeline over the years the ``phases`` table gives ``phase_id``."""

    def data(package: Any) -> Inputs:
        return timeline.timeline_data(package, *phase_years(package["phases"], phase_id))

    data.__name__ = data.__qualname__ = f"timeline_data_{phase_id}"
    return data


_SIPRI = ("sipri-tiv-tables-2022", "sipri-register-delivery-2025")
_FACTS = ("research-fact-base",)
_TIMELINE = ("events", "phases", "publishers", "event_sources")
_ARMS = ("arms_transfers", "events")
_CLAIMS = ("claims", "events", "phases", "arms_transfers", "arms_deals", "alliances", "claim_events",
           "event_sources", "publishers", "un_ideal_points", "un_iran_votes")

_ENTRIES: tuple[Figure, ...] = (
    Figure(
        "fig-overview-scorecard", _CLAIMS, scorecard.scorecard_data, _spread(scorecard.scorecard_chart),
        "The essay's checkable claims by paragraph, coloured and shaped by our verdict; the scorecard "
        "lists each claim under its id.",
        _FACTS,
        "Hover over a mark, or tap it, to read the claim.",
    ),
    Figure(
        "fig-timeline", _TIMELINE, timeline.timeline_data, _spread(timeline.timeline_chart),
        "All events between the Soviet Union or Russia and Iran in the report's table, by category and "
        "direction, each point shaped by its evidence grade, with the report's phases below the main "
        "view.",
        _FACTS,
        "Use the menus to filter the chart and the table below it, drag across the lower strip to "
        "zoom, and hover over a point, or tap it, for its details and source.",
    ),
    Figure(
        "fig-enemies-war", _ARMS, arms.war_data, _spread(arms.war_deliveries_chart),
        "Yearly Soviet arms deliveries to Iraq and to Iran, 1979–1990, in millions of SIPRI "
        "trend-indicator values (TIV), with the Iran–Iraq war shaded from the dates in the events "
        "table; the title compares the totals over the calendar years of the war.",
        (*_SIPRI, *_FACTS),
        "Hover over a point, or tap it, for the year's figure.",
    ),
    Figure(
        "fig-enemies-suppliers", ("arms_transfers",), arms.shares_data, _spread(arms.supplier_shares_chart),
        "Shares of Iran's arms imports by supplier and decade, 1970–1999, in SIPRI TIV. The Soviet Union "
        "and Russia are one series (\"Moscow\" in the title); suppliers other than the four named are "
        "grouped as \"Others\".",
        _SIPRI,
    ),
    Figure(
        "fig-thaw-rank", _ARMS, customers.rank_data, _spread(customers.customer_rank_chart),
        "Iran's rank among the Soviet Union's and Russia's arms customers, 1990–2024 (rank 1 is the "
        "largest customer). The line is the rank over the five years to each year, which shows Iran's "
        "standing; the grey dots are single years, which swing with the delivery of one large item. "
        "Numbered markers are events from the events table, listed under the chart. Years without "
        "deliveries to Iran are left out.",
        (*_SIPRI, *_FACTS),
    ),
    Figure(
        "fig-thaw-brush", ("arms_transfers",), customers.brush_data, _spread(customers.customer_brush_chart),
        "Upper panel: yearly Soviet/Russian deliveries to Iran, 1990–2024, in millions of SIPRI TIV. "
        "Lower panel: Moscow's twelve largest customers of 1990–2024, ranked (top ten shown) by their "
        "deliveries over the whole period, with Iran highlighted. A smaller customer of the whole "
        "period could lead in a short window without appearing here.",
        _SIPRI,
        "Drag across the upper panel to rank the customers over the years you select instead.",
    ),
    Figure(
        "fig-syria-timeline", _TIMELINE, _phase_timeline("syria"),
        _spread(timeline.timeline_chart),
        "Events between the two states in this phase, by category and direction; the shape of each "
        "point gives its evidence grade.",
        _FACTS,
        "Use the menus to filter and drag across the lower strip to zoom; hover over a point, or tap "
        "it, for its date, a short description, its evidence grade and its first source.",
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
        "SIPRI trend-indicator values; the note marks the first year Iran delivered more than it "
        "received.",
        _SIPRI,
        "Hover over a point, or tap it, for the year's figure.",
    ),
    Figure(
        "fig-ideal-distance", ("un_ideal_points", "phases"), unga.ideal_distance_data,
        _spread(unga.ideal_distance_chart),
        "Distance between Iran's ideal point and those of Russia, China and the General Assembly's median "
        "state, by session, 1979–2023, from Bailey, Strezhnev and Voeten's estimates. A lower line is closer "
        "to Iran; the dashed grey line is the median state. Numbered bands are the report's phases.",
        ("bsv-unga-idealpoints-2024", *_FACTS),
        "Hover over a line, or tap it, for the session's distance.",
    ),
    Figure(
        "fig-ideal-points", ("un_ideal_points",), unga.ideal_points_data,
        _spread(unga.ideal_points_chart),
        "Ideal points of the United States, the Assembly's median state, China, Russia (the Soviet Union to "
        "1991) and Iran in every General Assembly session, 1946–2023; each shaded band runs from the 5th "
        "to the 95th percentile of the estimate. China's seat was the Republic of China's until 1971.",
        ("bsv-unga-idealpoints-2024",),
        "Hover over a line, or tap it, for the estimate and its range.",
    ),
    Figure(
        "fig-kappa", ("un_agreement", "un_vote_partners"), unga.kappa_data, _spread(unga.kappa_chart),
        "Agreement with Iran corrected for chance (Cohen's kappa), by General Assembly session, 1979–2019, "
        "computed from the raw roll calls; the dashed grey line is Iran's median partner and the flat line "
        "is chance, the agreement two states' own mixes of yes, abstain and no would give.",
        ("unvotes-rpkg-2021",),
        "Hover over a line, or tap it, for the session's kappa and raw agreement.",
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
        "fig-issues", ("un_issue_agreement",), unga.issue_data, _spread(unga.issue_chart),
        "Share of General Assembly roll calls on which the Soviet Union or Russia and Iran voted alike, by "
        "the issue codes of the roll-call data and by decade, from the 1970s to the 2010s (sessions to "
        "2019). A roll call with several codes counts under each; the package has every decade from 1946.",
        ("unvotes-rpkg-2021",),
        "Hover over a cell, or tap it, for the shares of opposite and split votes and the number of roll calls.",
    ),
    Figure(
        "fig-iran-votes", ("un_iran_votes",), unga.iran_votes_data, _spread(unga.iran_votes_chart),
        "Votes of the Soviet Union or Russia, China, the United States and Iran on each recorded General "
        "Assembly resolution on human rights in Iran, 1985–2019. Years without a dot had no recorded vote; "
        "Iran's motions to block the resolutions are counted in the text, not drawn.",
        ("unvotes-rpkg-2021",),
        "Hover over a dot, or tap it, for the resolution and the Assembly's totals.",
    ),
    Figure(
        "fig-council", ("security_council_votes",), council.council_data, _spread(council.council_chart),
        "Votes of Russia (the Soviet Union to 1991), China and the United States on each Security Council "
        "draft or motion about Iran in the report's table, from the hostage crisis to the war of 2026, with "
        "each vote's date and resolution number; drafts without a number were not adopted.",
        _FACTS,
        "Hover over a dot, or tap it, for the draft, the outcome and the Council's totals.",
    ),
    Figure(
        "fig-dividing", ("un_dividing_votes",), unga.dividing_data, _spread(unga.dividing_chart),
        "General Assembly roll calls since 1992 on which Russia and Iran voted opposite ways, one yes and the "
        "other no, by issue code and by which of the two voted yes.",
        ("unvotes-rpkg-2021",),
        "Hover over a bar, or tap it, for its count.",
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
        "fig-after-timeline", _TIMELINE, _phase_timeline("after_essay"),
        _spread(timeline.timeline_chart),
        "Events between the two states since the essay appeared, by category and direction; the "
        "shape of each point gives its evidence grade.",
        _FACTS,
        "Use the menus to filter, drag across the lower strip to zoom, and hover over a point, or tap "
        "it, for details and sources.",
    ),
    Figure(
        "fig-scorecard", _CLAIMS, scorecard.scorecard_data, _spread(scorecard.scorecard_chart),
        "The essay's claims by paragraph, coloured and shaped by our verdict; each id is a card below.",
        _FACTS,
        "Hover over a dot, or tap it, to read the claim.",
    ),
    Figure(
        "fig-sipri-revisions", ("sipri_revisions",), revisions.revisions_data, _spread(revisions.revisions_chart),
        "How SIPRI's March 2025 release revised the March 2022 figures, by delivery year, 1995–2021, in "
        "millions of SIPRI trend-indicator values: above the line the volume of pair-years added or "
        "revised up, below it the volume removed or revised down, for every pair in the package (Russia's "
        "exports and every transfer to or from Iran). Pair-years whose rounded value did not change are "
        "left out.",
        _SIPRI,
        "Hover over a bar, or tap it, for the year's change, the number of pair-years and the largest.",
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
    "alignment": ("fig-ideal-distance", "fig-ideal-points", "fig-kappa", "fig-agreement", "fig-partner-rank",
                  "fig-issues", "fig-iran-votes", "fig-council", "fig-dividing", "fig-obligations", "fig-trade"),
    "after": ("fig-after-timeline",),
    "scorecard": ("fig-scorecard",),
    "data": ("fig-sipri-revisions",),
}


def figure(ident: str) -> Figure:
    """Return the registered figure ``ident``; unknown ids raise ``KeyError`` naming the known ones."""
    try:
        return FIGURES[ident]
    except KeyError:
        raise KeyError(f"no figure {ident!r}; known: {', '.join(FIGURES)}") from None
