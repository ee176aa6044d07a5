"""Facts of the chapter after the essay: the events of the phase."""

from __future__ import annotations

from typing import Any

from IPython.display import HTML

from analysis import events, timeline
from analysis.chapters import common
from analysis.figures.timeline import table_link
from analysis.provenance import traced, traced_each

#: Events whose dates the text quotes.
DATED_EVENTS = (
    "E058", "E063", "E066", "E067", "E068", "E103", "E080", "E070", "E071", "E072", "E073",
    "E074", "E075", "E076", "E078", "E079", "E084", "E086", "E087", "E087b", "E088", "E089",
    "E090", "E085", "E104", "E082", "E106",
    # The 2026 war, from the eve to the ceasefire's aftermath.
    "E126", "E083", "E137", "E110", "E112", "E122", "E123", "E124", "E125", "E111", "E117",
    "E118", "E113", "E105", "E121", "E114", "E119", "E141", "E120", "E115", "E143", "E116",
    "E135", "E142", "E127",
    # Earlier UN votes the text sets against Russia's diplomatic cover after 2023.
    "E091", "E020", "E097", "E098", "E023", "E044",
)

#: Events whose evidence grades the text quotes.
GRADED_EVENTS = ("E085", "E088", "E104", "E105", "E125", "E135")

#: The phase the chapter tells.
PHASE = "after_essay"


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    after = common.phase_events(package, PHASE)
    what = "events since the essay (phase after_essay)"
    return {
        **common.prefixed("after_", traced_each(common.phase_grades, package, (), PHASE, whole_package=True,
                                                units="count", description=common.grade_notes(what))),
        **common.grades(package, GRADED_EVENTS),
        **common.prefixed("after_", traced_each(common.phase_balance, package, (), PHASE, whole_package=True,
                                                units="count", description=common.direction_notes(what)),
                          events.DIRECTIONS),
        **common.dates(package, DATED_EVENTS),
        "after_last_event": traced(events.latest_date_label, package, "events", unit="date",
                                   description="Date of the latest event in the timeline, at its precision"),
        **common.traced_defence(package, {"check_last_defence": "last_defence_year",
                                          "check_atop_last": "atop_last"}),
        "after-table": HTML(timeline.event_table(after, package["event_sources"], package["publishers"],
                                                 link=table_link("fig-after-timeline"), table_id="table-after-events")),
    }
