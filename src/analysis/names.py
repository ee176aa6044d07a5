"""The one table of state codes, display names and the Soviet/Russia series.

Every module that shows a state's name, joins the Soviet Union to Russia or
needs a Correlates of War (COW) code takes it from here: the ingest (which
writes the package's field descriptions), the analysis modules and the charts.
Codes are ISO 3166-1 alpha-3 (ISO 3166-3 ``SUN`` for the Soviet Union); pairs
and dyads are two codes joined by ``-`` (``RUS-IRN``).

Examples
--------
>>> name("SUN+RUS")
'Soviet Union/Russia'
>>> pair_name("RUS-IRN")
'Russia–Iran'
>>> dyad_name("IRN-USA")
'Iran → United States'
"""

from __future__ import annotations

#: Series code joining the Soviet Union (to 1991) and Russia (from 1992).
SOVIET_RUSSIA = "SUN+RUS"

#: Last year in which the Soviet Union, not the Russian Federation, held its seats.
LAST_SOVIET_YEAR = 1991

#: Display names of the codes the report names in text and charts.
NAMES: dict[str, str] = {
    SOVIET_RUSSIA: "Soviet Union/Russia",
    "SUN": "Soviet Union",
    "RUS": "Russia",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "CHN": "China",
    "USA": "United States",
    "PRK": "North Korea",
}

#: Correlates of War state codes (365 is the Soviet Union up to 1991 and the
#: Russian Federation from 1992: one continuous member in COW-coded sources).
COW_CODES: dict[str, int] = {"USA": 2, "RUS": 365, "IRN": 630, "CHN": 710}

#: ISO 3166-1 alpha-2 codes, as the roll-call data writes them.
ISO2_CODES: dict[str, str] = {"IRN": "IR", "RUS": "RU", "CHN": "CN", "USA": "US"}

#: The note every COW-coded field description carries about ``RUS``.
SOVIET_NOTE = (
    "RUS stands for COW code 365, one continuous member in the source: the Soviet "
    "Union up to 1991 and the Russian Federation from 1992."
)

_MEMBERS: dict[str, frozenset[str]] = {SOVIET_RUSSIA: frozenset({"SUN", "RUS"})}


def name(code: str) -> str:
    """Return the display name of a state or series code (the code if unknown).

    Examples
    --------
    >>> name("IRN"), name("XYZ")
    ('Iran', 'XYZ')
    """
    return NAMES.get(code, code)


def members(code: str) -> frozenset[str]:
    """Return the state codes a series code stands for.

    Examples
    --------
    >>> sorted(members("SUN+RUS"))
    ['RUS', 'SUN']
    >>> sorted(members("IRN"))
    ['IRN']
    """
    return _MEMBERS.get(code, frozenset({code}))


def pair_name(pair: str) -> str:
    """Return an undirected pair's name, joined by an en dash (``Russia–Iran``)."""
    first, second = pair.split("-")
    return f"{name(first)}–{name(second)}"


def dyad_name(dyad: str) -> str:
    """Return a directed dyad's name, joined by an arrow (``Russia → Iran``)."""
    first, second = dyad.split("-")
    return f"{name(first)} → {name(second)}"
