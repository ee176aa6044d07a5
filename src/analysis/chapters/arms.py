"""Facts of the chapter "The arms flow": Soviet/Russian deliveries to Iran and back."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import transfers
from analysis.names import SOVIET_RUSSIA, name
from analysis.provenance import traced, traced_each

#: Years of the series.
YEARS = (1979, 2024)


#: What each figure of :func:`flow_facts` is, for its note.
FLOW_TEXTS = {
    "out_total": "Sum of SIPRI TIV delivered by the Soviet Union/Russia to Iran",
    "back_total": "Sum of SIPRI TIV delivered by Iran to the Soviet Union/Russia",
    "out_peak_year": "Year of the largest Soviet/Russian delivery to Iran",
    "out_peak_tiv": "Largest yearly Soviet/Russian delivery to Iran (SIPRI TIV)",
    "back_first_year": "First year of an Iranian delivery to the Soviet Union/Russia",
    "start": "First year of the series",
    "end": "Last year of the series",
    "reversal_year": "First year Iran delivered more to Russia than it received",
}


def flow_facts(arms: pd.DataFrame, first: str, second: str, start: int, end: int) -> dict[str, object]:
    """The two-way flow's headline figures (:func:`analysis.transfers.flow_summary`) and first reversal year."""
    flows = transfers.flows_between(arms, first, second, start, end)
    supplier, recipient = name(first), name(second)
    return {**transfers.flow_summary(flows, supplier, recipient),
            "reversal_year": transfers.first_reversal_year(flows, recipient, supplier)}


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    years = "{}–{}".format(*YEARS)
    return {
        **traced_each(flow_facts, package, "arms_transfers", SOVIET_RUSSIA, "IRN", *YEARS,
                      units={"out_": "TIV million", "back_": "TIV million", "out_peak_year": "year",
                             "back_first": "year", "reversal": "year", "start": "year", "end": "year"},
                      description={key: f"{text}, {years}" for key, text in FLOW_TEXTS.items()}),
        "out_first_year": traced(transfers.first_delivery_year, package, "arms_transfers", SOVIET_RUSSIA,
                                 "IRN", *YEARS, unit="year",
                                 description=f"First year of a Soviet/Russian delivery to Iran, {years}"),
    }
