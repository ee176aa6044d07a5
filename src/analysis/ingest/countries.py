"""ISO 3166-1 alpha-3 codes for the country names SIPRI writes.

SIPRI spells states its own way ("UAE", "DR Congo", "Turkiye", "Bosnia-Herzegovina")
and lists actors that are not states. This module is the one place that turns a
SIPRI name into a code:

* names that :func:`pycountry.countries.lookup` resolves exactly are looked up;
* names it cannot resolve, and states that no longer exist, come from the
  explicit :data:`OVERRIDES` table (the Soviet Union is ``SUN``);
* non-state actors (SIPRI marks them with a trailing ``*``), multinational
  bodies (a trailing ``**``), unknown parties and entities without an ISO code
  get no code at all (``None``), never a guess;
* any other name raises :class:`UnknownCountryName`, so a new spelling in a
  future SIPRI release stops the ingest instead of slipping through.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from analysis.names import SOVIET_RUSSIA, members

#: SIPRI names that pycountry cannot resolve by exact lookup, and historic states.
OVERRIDES: dict[str, str] = {
    # Current states under SIPRI's short or older spellings.
    "Bosnia-Herzegovina": "BIH",
    "Brunei": "BRN",
    "Cote d'Ivoire": "CIV",
    "DR Congo": "COD",
    "Micronesia": "FSM",
    "Palestine": "PSE",
    "Russia": "RUS",
    "Saint Vincent": "VCT",
    "Turkey": "TUR",
    "Turkiye": "TUR",
    "UAE": "ARE",
    # States that no longer exist: ISO 3166-3 codes (pycountry.historic_countries).
    "Soviet Union": "SUN",
    "Czechoslovakia": "CSK",
    "East Germany (GDR)": "DDR",
    "Yugoslavia": "YUG",
    "South Yemen": "YMD",
    # ISO 3166-1 gave YEM to the Yemen Arab Republic (North Yemen) and kept it for
    # unified Yemen in 1990; likewise VNM was the Republic of Viet-Nam (South)
    # and passed to unified Viet Nam in 1976 (North Viet Nam was VDR).
    "North Yemen": "YEM",
    "Yemen Arab Republic": "YEM",
    "Yemen Arab Republic (North Yemen)": "YEM",
    "South Vietnam": "VNM",
}

#: Parties SIPRI names that are not states with an ISO 3166-1 code and carry no
#: ``*`` marker: unknown parties, secessionist or rival authorities, and
#: territories whose statehood ISO 3166-1 does not record.
NO_CODE: frozenset[str] = frozenset(
    {
        "Unknown supplier(s)",
        "unknown supplier(s)",
        "Unknown recipient(s)",
        "unknown recipient(s)",
        "Biafra",
        "Katanga",
        "Kosovo",
        "Libya GNC",
        "Northern Cyprus",
    }
)


class UnknownCountryName(LookupError):
    """A SIPRI name that is neither resolvable, overridden nor marked non-state."""


def is_non_state(name: str) -> bool:
    """Return True when SIPRI marks ``name`` as a non-state or multinational actor.

    SIPRI appends ``*`` to non-state armed groups and ``**`` to international
    organisations.

    Examples
    --------
    >>> is_non_state("Hezbollah (Lebanon)*"), is_non_state("NATO**"), is_non_state("Iran")
    (True, True, False)
    """
    return name.rstrip().endswith("*")


@lru_cache(maxsize=None)
def iso3_for(name: str) -> str | None:
    """Return the ISO 3166-1 alpha-3 code for a SIPRI country name, or None.

    ``None`` means the party has no ISO code on purpose (non-state, multinational,
    unknown). Historic states get their ISO 3166-3 code.

    Raises
    ------
    UnknownCountryName
        For a name that is not known, so new spellings are noticed.

    Examples
    --------
    >>> iso3_for("Iran"), iso3_for("Soviet Union"), iso3_for("Turkiye")
    ('IRN', 'SUN', 'TUR')
    >>> iso3_for("NATO**") is None, iso3_for("Unknown supplier(s)") is None
    (True, True)
    >>> iso3_for("Persia")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    analysis.ingest.countries.UnknownCountryName: unknown SIPRI country name 'Persia'; ...
    """
    if name in NO_CODE or is_non_state(name):
        return None
    if name in OVERRIDES:
        return OVERRIDES[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        raise UnknownCountryName(
            f"unknown SIPRI country name {name!r}; add it to OVERRIDES or NO_CODE "
            "in analysis/ingest/countries.py"
        ) from None


def series_for(name: str) -> str:
    """Return the supplier-series join key for a SIPRI supplier name.

    The Soviet Union and Russia share :data:`analysis.names.SOVIET_RUSSIA`; any other
    supplier is keyed by its ISO code, or by its SIPRI name when it has none.

    Examples
    --------
    >>> series_for("Soviet Union"), series_for("Russia"), series_for("Iran")
    ('SUN+RUS', 'SUN+RUS', 'IRN')
    >>> series_for("Hezbollah (Lebanon)*")
    'Hezbollah (Lebanon)*'
    """
    code = iso3_for(name)
    if code in members(SOVIET_RUSSIA):
        return SOVIET_RUSSIA
    return code if code is not None else name
