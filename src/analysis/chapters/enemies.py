"""Facts of the chapter "Enemies, 1979–1988": who armed Iraq and Iran in their war."""

from __future__ import annotations

from typing import Any

import pandas as pd

from IPython.display import HTML

from analysis import timeline, transfers
from analysis.chapters import common
from analysis.figures.tables import event_rows
from analysis.names import SOVIET_RUSSIA
from analysis.provenance import traced

#: The resource the arms figures read, and their unit.
ARMS, TIV = "arms_transfers", "TIV million"

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


def war_ratio(arms: pd.DataFrame, supplier: str, first: str, second: str, start: int, end: int) -> float:
    """Return how many times more ``supplier`` delivered to ``first`` than to ``second`` over a window."""
    return transfers.total_tiv(arms, supplier, first, start, end) / transfers.total_tiv(
        arms, supplier, second, start, end)


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    war = "{}–{}".format(*WAR_YEARS)
    eighties = "{}–{}".format(*EIGHTIES)
    table = timeline.event_table(event_rows(package["events"], TABLE_EVENTS),
                                 package["event_sources"], package["publishers"], TABLE_COLUMNS,
                                 table_id="table-enemies-events")

    def share(series: str, period: tuple[int, int], label: str) -> object:
        return traced(common.supplier_share, package, ARMS, "IRN", *period, series, unit="share",
                      description=f"{label} share of Iran's arms imports (SIPRI TIV), {'{}–{}'.format(*period)}")

    return {
        **common.dates(package, DATED_EVENTS),
        **common.grades(package, GRADED_EVENTS),
        "iraq_1980s": traced(transfers.total_tiv, package, ARMS, "SUN", "IRQ", *WAR_YEARS, unit=TIV,
                             description=f"Sum of SIPRI TIV delivered, Soviet Union → Iraq, {war}"),
        "iran_1980s": traced(transfers.total_tiv, package, ARMS, "SUN", "IRN", *WAR_YEARS, unit=TIV,
                             description=f"Sum of SIPRI TIV delivered, Soviet Union → Iran, {war}"),
        "iraq_ratio": traced(war_ratio, package, ARMS, "SUN", "IRQ", "IRN", *WAR_YEARS, unit="ratio",
                             description=f"Soviet deliveries to Iraq over those to Iran (SIPRI TIV), {war}"),
        "iran_first_year": traced(transfers.first_delivery_year, package, ARMS, "SUN", "IRN", 1979, 1990,
                                  unit="year", description="First year of a Soviet delivery to Iran, 1979–1990"),
        "share_CHN": share("CHN", EIGHTIES, "China's"),
        "share_PRK": share("PRK", EIGHTIES, "North Korea's"),
        "share_SUN_RUS": share(SOVIET_RUSSIA, EIGHTIES, "The Soviet Union/Russia's"),
        "n_suppliers_1980s": traced(common.supplier_count, package, ARMS, "IRN", *EIGHTIES, unit="count",
                                    description=f"Number of suppliers delivering arms to Iran, {eighties}"),
        "share_USA_1970s": share("USA", SEVENTIES, "The United States'"),
        "tbl-enemies-events": HTML(table),
    }
