"""Facts of the timeline page: counts of the whole events table."""

from __future__ import annotations

from typing import Any

from IPython.display import HTML

from analysis import events, evidence, timeline
from analysis.chapters import common
from analysis.figures.timeline import table_link
from analysis.provenance import traced, traced_each

#: Events whose dates illustrate the three date precisions (day, month, year).
DATED_EVENTS = ("E002", "E008", "E003")

#: The timeline chart's menus filter the table too.
CHART_LINK = table_link("fig-timeline")


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    table, sources, publishers = package["events"], package["event_sources"], package["publishers"]
    years = traced_each(common.event_years, package, ("events", "phases"), units="year",
                        description={"first": "First year of the timeline's events",
                                     "last": "Last year of the timeline's events"})
    first, last = years["first"], years["last"]
    return {
        **common.dates(package, DATED_EVENTS),
        "tl_phases": traced(common.row_count, package, "phases", unit="count",
                            description="Number of phases the report divides the relationship into"),
        **common.prefixed("tl_", traced_each(events.grade_counts, package, "events", units="count",
                                             description=common.grade_notes("events of the timeline"))),
        **common.prefixed("tl_", traced_each(evidence.source_summary, package, ("event_sources", "publishers"),
                                             units="count", description=common.source_notes())),
        **common.prefixed("rule_", evidence.GRADE_MEANINGS),
        "tl_first": first,
        "tl_last": last,
        **common.prefixed("tl_", traced_each(
            events.balance_summary, package, "events", first.value, last.value, units="count",
            description=common.direction_notes(f"events of the timeline, {first.value}–{last.value}")),
            events.DIRECTIONS),
        "timeline-table": HTML(timeline.event_table(table, sources, publishers, link=CHART_LINK,
                                                    table_id="table-events")),
    }
