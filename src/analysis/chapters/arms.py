"""Facts of the chapter "The arms flow": Soviet/Russian deliveries to Iran and back."""

from __future__ import annotations

from typing import Any

from analysis import transfers
from analysis.names import SOVIET_RUSSIA, name

#: Years of the series.
YEARS = (1979, 2024)


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    flows = transfers.flows_between(package["arms_transfers"], SOVIET_RUSSIA, "IRN", *YEARS)
    supplier, recipient = name(SOVIET_RUSSIA), name("IRN")
    return {
        **transfers.flow_summary(flows, supplier, recipient),
        "out_first_year": transfers.first_delivery_year(package["arms_transfers"], SOVIET_RUSSIA,
                                                        "IRN", *YEARS),
        "reversal_year": transfers.first_reversal_year(flows, recipient, supplier),
    }
