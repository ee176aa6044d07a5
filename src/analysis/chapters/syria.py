"""Facts of the Syria chapter: events of the phase and Iran's arms imports during the war."""

from __future__ import annotations

from typing import Any

from analysis import events
from analysis.chapters import common
from analysis.names import SOVIET_RUSSIA
from analysis.provenance import Fact, traced, traced_each

#: Events whose dates the text quotes.
DATED_EVENTS = ("E027", "E030", "E034", "E039", "E040", "E041", "E042", "E043", "E100")

#: The phase the chapter tells.
PHASE = "syria"

#: Russian use of the Hamedan air base: first sortie and end.
HAMEDAN = ("E039", "E040")

#: The decade before the war and the war's years in SIPRI's data.
BEFORE, DURING = (2000, 2010), (2011, 2019)

#: The resource the arms figures read.
ARMS = "arms_transfers"


def imports(package: Any, period: tuple[int, int]) -> dict[str, Fact]:
    """The Soviet/Russian share of Iran's arms imports over a period, and their total."""
    years = "{}–{}".format(*period)
    return {
        "share": traced(common.supplier_share, package, ARMS, "IRN", *period, SOVIET_RUSSIA, unit="share",
                        description=f"Russia's share of Iran's arms imports (SIPRI TIV), {years}"),
        "imports": traced(common.imports_total, package, ARMS, "IRN", *period, unit="TIV million",
                          description=f"Iran's arms imports from all suppliers (SIPRI TIV), {years}"),
    }


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    before, during = imports(package, BEFORE), imports(package, DURING)
    return {
        **common.prefixed("syria_", traced_each(common.phase_balance, package, (), PHASE, whole_package=True,
                                                units="count",
                                                description=common.direction_notes("events of the Syria phase"))),
        **common.dates(package, DATED_EVENTS),
        "hamedan_days": traced(events.days_between, package, "events", *HAMEDAN, unit="days",
                               description="Days from Russia's first sortie from the Hamedan air base "
                                           "(event {}) to the end of its use ({})".format(*HAMEDAN)),
        "share_2000s": before["share"],
        "share_2010s": during["share"],
        "imports_2000s": before["imports"],
        "imports_2010s": during["imports"],
    }
