"""Facts of the chapter "Enemies, 1979–1988": who armed Iraq and Iran in their war."""

from __future__ import annotations

from typing import Any

from IPython.display import HTML

from analysis import events, ranks, timeline, transfers
from analysis.chapters import common
from analysis.figures.tables import event_rows
from analysis.names import SOVIET_RUSSIA

#: Events whose dates the text quotes.
DATED_EVENTS = ("E001", "E002", "E005", "E009", "E004", "E007", "E010")

#: Events listed in the chapter's table (shown in date order).
TABLE_EVENTS = ["E002", "E004", "E007", "E091", "E092", "E006", "E093"]

#: The table's columns: the chapter weighs the border incidents, so it shows grades and caveats.
TABLE_COLUMNS = ("date", "title", "grade", "notes", "sources")

#: Events whose evidence grades the text quotes (the border incidents).
GRADED_EVENTS = ("E004", "E007")

#: The Iran–Iraq war, in whole years.
WAR_YEARS = (1980, 1988)

#: Decades compared in the text: before the revolution and during the war.
SEVENTIES, EIGHTIES = (1970, 1979), (1980, 1989)


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    arms = package["arms_transfers"]
    to_iraq = transfers.total_tiv(arms, "SUN", "IRQ", *WAR_YEARS)
    to_iran = transfers.total_tiv(arms, "SUN", "IRN", *WAR_YEARS)
    iran_years = transfers.tiv_by_year(arms, "SUN", "IRN", 1979, 1990)
    shares = ranks.supplier_shares(arms, "IRN", [SEVENTIES, EIGHTIES])
    table = timeline.event_table(event_rows(package["events"], TABLE_EVENTS),
                                 package["event_sources"], package["publishers"], TABLE_COLUMNS,
                                 table_id="table-enemies-events")
    return {
        **common.dates(package, DATED_EVENTS),
        **common.prefixed("grade_", events.grades_of(package["events"], GRADED_EVENTS)),
        "iraq_1980s": to_iraq,
        "iran_1980s": to_iran,
        "iraq_ratio": to_iraq / to_iran,
        "iran_first_year": int(iran_years.loc[iran_years["tiv"] > 0, "year"].min()),
        "share_CHN": common.period_share(shares, *EIGHTIES, "CHN"),
        "share_PRK": common.period_share(shares, *EIGHTIES, "PRK"),
        "share_SUN_RUS": common.period_share(shares, *EIGHTIES, SOVIET_RUSSIA),
        "n_suppliers_1980s": common.period_suppliers(shares, *EIGHTIES),
        "share_USA_1970s": common.period_share(shares, *SEVENTIES, "USA"),
        "tbl-enemies-events": HTML(table),
    }
