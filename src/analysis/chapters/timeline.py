"""Facts of the timeline page: counts of the whole events table."""

from __future__ import annotations

from typing import Any

from IPython.display import HTML

from analysis import events, evidence, timeline
from analysis.chapters import common
from analysis.figures.timeline import table_link

#: Events whose dates illustrate the three date precisions (day, month, year).
DATED_EVENTS = ("E002", "E008", "E003")

#: The timeline chart's menus filter the table too.
CHART_LINK = table_link("fig-timeline")


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    table, phases = package["events"], package["phases"]
    sources, publishers = package["event_sources"], package["publishers"]
    frame = timeline.timeline_frame(table, phases)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    return {
        **common.dates(package, DATED_EVENTS),
        "tl_phases": len(phases),
        **common.prefixed("tl_", events.grade_counts(table)),
        **common.prefixed("tl_", evidence.source_summary(sources, publishers)),
        **common.prefixed("rule_", evidence.GRADE_MEANINGS),
        "tl_first": first,
        "tl_last": last,
        **common.prefixed("tl_", events.balance_summary(table, first, last),
                           events.DIRECTIONS),
        "timeline-table": HTML(timeline.event_table(table, sources, publishers, link=CHART_LINK, table_id="table-events")),
    }
