"""Facts of the Syria chapter: events of the phase and Iran's arms imports during the war."""

from __future__ import annotations

from typing import Any

from analysis import events, ranks
from analysis.chapters import common
from analysis.names import SOVIET_RUSSIA
from analysis.phases import phase_years

#: Events whose dates the text quotes.
DATED_EVENTS = ("E027", "E030", "E034", "E039", "E040", "E041", "E042", "E043", "E100")

#: The phase the chapter tells.
PHASE = "syria"

#: Russian use of the Hamedan air base: first sortie and end.
HAMEDAN = ("E039", "E040")

#: The decade before the war and the war's years in SIPRI's data.
BEFORE, DURING = (2000, 2010), (2011, 2019)


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    table = package["events"]
    syria = events.events_in(table, phase_id=PHASE, valid=events.vocabulary(package))
    shares = ranks.supplier_shares(package["arms_transfers"], "IRN", [BEFORE, DURING])
    totals = shares.groupby("period")["tiv"].sum()
    return {
        **common.prefixed("syria_", events.balance_summary(syria, *phase_years(package["phases"], PHASE))),
        **common.dates(package, DATED_EVENTS),
        "hamedan_days": events.days_between(table, *HAMEDAN),
        "share_2000s": common.period_share(shares, *BEFORE, SOVIET_RUSSIA),
        "share_2010s": common.period_share(shares, *DURING, SOVIET_RUSSIA),
        "imports_2000s": float(totals[ranks.period_label(*BEFORE)]),
        "imports_2010s": float(totals[ranks.period_label(*DURING)]),
    }
