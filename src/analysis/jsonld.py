"""Structured data for machines: schema.org JSON-LD for the scorecard's claims and the data package.

Two kinds of page carry it:

* the scorecard: one ``ClaimReview`` per claim card (:func:`claim_reviews`),
  in one ``@graph``, written by :mod:`analysis.chapters.scorecard` beside the
  cards it describes. A review's evidence is its events' addresses on the
  timeline (``isBasedOn``), whose rows link every source; the sources are not
  repeated in the reviews (they were 51 KB of a 91 KB block, on the book's
  largest page), and the package's ``event_sources`` table holds them for
  machines. The essay and the team are written once and referenced by ``@id``;
* the data page: one ``Dataset`` (:func:`dataset`), added to the page's head
  by :mod:`analysis.site.sphinx_jsonld`.

Every value comes from the package, its descriptor or the book's references
(``book/references.bib``), never from the clock: a review's ``datePublished``
is the descriptor's ``created`` date. Addresses are written relative to the
page that carries them (``scorecard.html#claim-C01``, ``timeline.html#event-E002``,
``../_static/downloads/...``), as JSON-LD resolves them against the page's own
address; the site has no fixed host to write absolute ones with.

The rating scale
----------------
A ``Rating`` runs from 1 (``worstRating``, contradicted) to 4 (``bestRating``,
supported); partly supported sits at 2.5, as far from either end
(:data:`RATING_VALUES`). ``alternateName`` is our verdict word and
``ratingExplanation`` the claims table's reason. *Unverifiable* is not a point
on that scale, because nothing on record says nothing about whether a claim is
true: its rating keeps the scale, the word and the reason but has no
``ratingValue`` (:data:`UNRATED`).

Examples
--------
>>> rating("supported", "Dates match.")["ratingValue"]
4
>>> "ratingValue" in rating("unverifiable", "Nothing on record.")
False
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.claims.verdicts import ESSAY_DATE
from analysis.coverage import TIME_FIELDS, span
from analysis.names import name
from analysis.paths import BOOK_DIR

CONTEXT = "https://schema.org"

#: Each verdict's place on the rating scale (see the module's docstring).
RATING_VALUES: dict[str, float | int] = {"contradicted": 1, "partly supported": 2.5, "supported": 4}
WORST_RATING, BEST_RATING = 1, 4

#: The verdict that is not a point on the scale: its rating has no ``ratingValue``.
UNRATED = "unverifiable"

#: The book's references, and the entry for the essay the scorecard reviews.
REFERENCES_PATH = BOOK_DIR / "references.bib"
ESSAY_KEY = "baghai_2023"

#: The ``@id`` of the essay and of the report's team, each written once in the scorecard's ``@graph``.
ESSAY_ID, TEAM_ID = "#essay", "#report-team"

#: Pages the structured data names, as Sphinx names them (under the book's folder).
SCORECARD_PAGE = "scorecard.html"
TIMELINE_PAGE = "timeline.html"
REPORT_PAGE = "index.html"

#: Where the site publishes the package's zip (``analysis.site.sphinx_downloads``) and its tables.
DOWNLOADS = "_static/downloads"

#: The states the package is about: the Soviet Union and Russia, and Iran (display names).
PLACES: tuple[str, ...] = ("SUN", "RUS", "IRN")

_FIELD = re.compile(r"(\w+)\s*=\s*")


def script_json(data: Mapping[str, Any]) -> str:
    """Serialise JSON-LD so that it is safe inside a ``<script>`` element.

    The same rule as the charts' specs (:func:`analysis.site.render.spec_json`):
    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so no text can close the
    element; NaN and infinity are refused.

    Examples
    --------
    >>> script_json({"claimReviewed": "</script><b>x & y</b>"})
    '{"claimReviewed":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003ex \\\\u0026 y\\\\u003c/b\\\\u003e"}'
    """
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_tag(data: Mapping[str, Any]) -> str:
    """Return JSON-LD in its ``<script type="application/ld+json">`` element.

    Examples
    --------
    >>> script_tag({"@type": "Thing"})
    '<script type="application/ld+json">{"@type":"Thing"}</script>'
    """
    return f'<script type="application/ld+json">{script_json(data)}</script>'


def bib_entry(key: str, path: Path = REFERENCES_PATH) -> dict[str, str]:
    """Return the fields of one BibTeX entry, braces that protect capitals removed.

    Examples
    --------
    >>> entry = bib_entry("baghai_2023")
    >>> entry["author"], entry["year"], entry["month"]
    ('Baghai, Christian', '2023', 'jul')
    >>> entry["title"]
    "The Unlikely Alliance: Russia and Iran's Strategic Partnership"
    """
    text = path.read_text(encoding="utf-8")
    start = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    if start is None:
        raise KeyError(f"{path.name} has no entry {key!r}")
    fields: dict[str, str] = {}
    at = start.end()
    while (found := _FIELD.match(text, _skip_space(text, at))) is not None:
        at, value = _value(text, found.end())
        fields[found[1].lower()] = " ".join(value.replace("{", "").replace("}", "").split())
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at += 1
    return fields


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _value(text: str, at: int) -> tuple[int, str]:
    """Read a braced, quoted or bare BibTeX value starting at ``at``; return the end and the value."""
    if text.startswith("{", at):
        depth, end = 0, at
        for end in range(at, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        return end + 1, text[at + 1:end]
    if text.startswith('"', at):
        end = text.index('"', at + 1)
        return end + 1, text[at + 1:end]
    bare = re.match(r"[^,}\s]+", text[at:])
    value = bare[0] if bare else ""
    return at + len(value), value


def person(bib_name: str) -> dict[str, str]:
    """Return a BibTeX author (``Last, First``) as a schema.org ``Person``.

    Examples
    --------
    >>> person("Baghai, Christian")
    {'@type': 'Person', 'name': 'Christian Baghai'}
    """
    last, _, first = bib_name.partition(",")
    return {"@type": "Person", "name": f"{first.strip()} {last.strip()}".strip()}


def essay_work(entry: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the essay the claims come from as a ``CreativeWork``, as the references give it.

    Its date is the essay's day (:data:`analysis.claims.verdicts.ESSAY_DATE`),
    which must fall in the year and month of the reference; its ``url`` is
    the reference's, when the reference gives one.

    Examples
    --------
    >>> work = essay_work()
    >>> work["author"]["name"], work["datePublished"]
    ('Christian Baghai', '2023-07-16')
    """
    entry = dict(bib_entry(ESSAY_KEY) if entry is None else entry)
    month = pd.Timestamp(f"{entry['month']} {entry['year']}")
    if (month.year, month.month) != (ESSAY_DATE.year, ESSAY_DATE.month):
        raise ValueError(f"the essay's date {ESSAY_DATE.date()} is not in the reference's {entry['month']} "
                         f"{entry['year']}")
    work: dict[str, Any] = {"@type": "CreativeWork", "name": entry["title"],
                            "author": [person(a) for a in entry["author"].split(" and ")],
                            "datePublished": ESSAY_DATE.date().isoformat()}
    if len(work["author"]) == 1:
        work["author"] = work["author"][0]
    if entry.get("howpublished"):
        work["description"] = entry["howpublished"]
    if entry.get("url"):
        work["url"] = entry["url"]
    return work


def iso_day(created: str) -> str:
    """Return the day of a descriptor's ``created`` timestamp.

    Examples
    --------
    >>> iso_day("2026-12-02T00:00:00Z")
    '2026-12-02'
    """
    return pd.Timestamp(created).date().isoformat()


def report_author(descriptor: Mapping[str, Any], url: str = REPORT_PAGE) -> dict[str, Any]:
    """Return the report's authors, the descriptor's creators, as an ``Organization``.

    Examples
    --------
    >>> report_author({"contributors": [{"title": "Team", "roles": ["creator"]}]})
    {'@type': 'Organization', 'name': 'Team', 'url': 'index.html'}
    """
    creators = [c["title"] for c in descriptor.get("contributors", [])
                if "creator" in c.get("roles", []) and c.get("title")]
    if not creators:
        raise ValueError("the descriptor names no contributor with the role 'creator'")
    return {"@type": "Organization", "name": "; ".join(creators), "url": url}


def rating(verdict: str, reason: str) -> dict[str, Any]:
    """Return a verdict as a schema.org ``Rating`` (see the module's docstring for the scale).

    Examples
    --------
    >>> rating("partly supported", "Right in substance, not in date.")["ratingValue"]
    2.5
    >>> rating("likely", "")
    Traceback (most recent call last):
    ...
    ValueError: no rating for the verdict 'likely'
    """
    if verdict != UNRATED and verdict not in RATING_VALUES:
        raise ValueError(f"no rating for the verdict {verdict!r}")
    out: dict[str, Any] = {"@type": "Rating", "alternateName": verdict, "bestRating": BEST_RATING,
                           "worstRating": WORST_RATING, "ratingExplanation": reason}
    if verdict != UNRATED:
        out["ratingValue"] = RATING_VALUES[verdict]
    return out


def reference(node_id: str) -> dict[str, str]:
    """Return a reference to a node of the same ``@graph``.

    Examples
    --------
    >>> reference(ESSAY_ID)
    {'@id': '#essay'}
    """
    return {"@id": node_id}


def essay_claim(essay: Mapping[str, Any], appearance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return a claim of the essay as a ``Claim``: where it appears, and the essay's author and date.

    ``appearance`` is the essay node or a reference to it (default: the node itself).

    Examples
    --------
    >>> essay_claim({"@type": "CreativeWork", "datePublished": "2023-07-16"}, reference(ESSAY_ID))
    {'@type': 'Claim', 'appearance': {'@id': '#essay'}, 'datePublished': '2023-07-16'}
    """
    claim: dict[str, Any] = {"@type": "Claim", "appearance": dict(essay if appearance is None else appearance)}
    for key in ("author", "datePublished"):
        if key in essay:
            claim[key] = essay[key]
    return claim


def claim_review(row: Mapping[str, Any], claim: Mapping[str, Any], author: Mapping[str, Any],
                 published: str) -> dict[str, Any]:
    """Return one claim card as a ``ClaimReview``.

    ``row`` is a row of :func:`analysis.claims.scorecard`; ``claim`` is the
    reviewed :func:`essay_claim` and ``author`` the review's author (a node, or
    a reference to one). The evidence is the addresses of the claim's events on
    the timeline (``isBasedOn``), where each event links its sources; the
    package's ``event_sources`` table holds them for machines.

    Examples
    --------
    >>> row = {"claim_id": "C05", "claim": "Invaded in 1980.", "verdict": "contradicted",
    ...     "reason": "December 1979.", "events": [{"event_id": "E002",
    ...     "sources": [("PBS", None, "https://pbs.org/x")]}]}
    >>> review = claim_review(row, essay_claim({}, reference(ESSAY_ID)), reference(TEAM_ID), "2026-12-02")
    >>> review["url"], review["isBasedOn"], review["itemReviewed"]["appearance"]
    ('scorecard.html#claim-C05', ['timeline.html#event-E002'], {'@id': '#essay'})
    """
    return {
        "@type": "ClaimReview", "identifier": str(row["claim_id"]),
        "url": f"{SCORECARD_PAGE}#claim-{row['claim_id']}",
        "claimReviewed": str(row["claim"]), "itemReviewed": dict(claim),
        "reviewRating": rating(str(row["verdict"]), str(row["reason"])),
        "datePublished": published, "author": dict(author),
        "isBasedOn": [f"{TIMELINE_PAGE}#event-{e['event_id']}" for e in row["events"]],
    }


def claim_reviews(card: pd.DataFrame, descriptor: Mapping[str, Any],
                  essay: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return every claim card of the scorecard as a ``ClaimReview``, in one ``@graph``.

    The essay and the report's team are written once, as the graph's first two
    nodes (:data:`ESSAY_ID`, :data:`TEAM_ID`), and each review points to them.

    Examples
    --------
    >>> from analysis import claims, load_package
    >>> package = load_package()
    >>> graph = claim_reviews(claims.scorecard(package), package.descriptor)["@graph"]
    >>> [node["@id"] for node in graph[:2]], len(graph) - 2 == len(package["claims"])
    (['#essay', '#report-team'], True)
    >>> graph[2]["datePublished"] == package.descriptor["created"][:10], graph[2]["author"]
    (True, {'@id': '#report-team'})
    """
    essay = essay_work() if essay is None else essay
    author, published = report_author(descriptor), iso_day(descriptor["created"])
    claim = essay_claim(essay, reference(ESSAY_ID))
    reviews = [claim_review(row, claim, reference(TEAM_ID), published) for row in card.to_dict("records")]
    return {"@context": CONTEXT, "@graph": [{"@id": ESSAY_ID, **essay}, {"@id": TEAM_ID, **author}, *reviews]}


def years_covered(package: Any) -> tuple[int, int]:
    """Return the first and last year of the package's dated rows, over every table with a time dimension.

    The tables and their date fields are :data:`analysis.coverage.TIME_FIELDS`.

    Examples
    --------
    >>> from analysis import load_package
    >>> first, last = years_covered(load_package())
    >>> first < 1979 < last
    True
    """
    years: list[int] = []
    for resource, spec in TIME_FIELDS.items():
        if resource in package:
            found = span(package[resource], replace(spec, grain="year"))
            years += [int(y) for y in found or ()]
    if not years:
        raise ValueError("no table of the package has a dated row")
    return min(years), max(years)


def relative(target: str, page: str) -> str:
    """Return a site path as the page named ``page`` (Sphinx's page name) links to it.

    Examples
    --------
    >>> relative("_static/downloads/p.zip", "book/data")
    '../_static/downloads/p.zip'
    >>> relative("book/timeline.html", "book/data")
    'timeline.html'
    """
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def distribution(descriptor: Mapping[str, Any], page: str, zip_name: str) -> list[dict[str, Any]]:
    """Return the package's downloads as ``DataDownload`` entries: the zip, then each table's file.

    The zip is ``_static/downloads/<zip_name>``; each table is published at
    ``_static/downloads/<its path in the package>`` (see
    :mod:`analysis.site.sphinx_jsonld`).

    Examples
    --------
    >>> entries = distribution({"title": "T", "resources": [{"name": "a", "path": "data/a.csv",
    ...     "mediatype": "text/csv", "title": "A"}]}, "book/data", "p.zip")
    >>> [(e["encodingFormat"], e["contentUrl"]) for e in entries]
    [('application/zip', '../_static/downloads/p.zip'), ('text/csv', '../_static/downloads/data/a.csv')]
    """
    entries = [{"@type": "DataDownload", "name": f"{descriptor['title']} (data package, zip)",
                "encodingFormat": "application/zip",
                "contentUrl": relative(f"{DOWNLOADS}/{zip_name}", page)}]
    for resource in descriptor.get("resources", []):
        if isinstance(resource.get("path"), str):
            entries.append({"@type": "DataDownload", "name": resource["name"],
                            "description": resource.get("title", resource["name"]),
                            "encodingFormat": resource.get("mediatype", "text/csv"),
                            "contentUrl": relative(f"{DOWNLOADS}/{resource['path']}", page)})
    return entries


def dataset(package: Any, page: str, zip_name: str) -> dict[str, Any]:
    """Return the data package as a schema.org ``Dataset``, for the page named ``page``.

    ``zip_name`` is the package's zip in the site's downloads.

    Examples
    --------
    >>> from analysis import load_package
    >>> package = load_package()
    >>> data = dataset(package, "book/data", "p.zip")
    >>> data["version"] == package.descriptor["version"], data["isAccessibleForFree"]
    (True, True)
    """
    descriptor = package.descriptor
    first, last = years_covered(package)
    day = iso_day(descriptor["created"])
    licences = [lic["path"] for lic in descriptor.get("licenses", []) if lic.get("path")]
    return {
        "@context": CONTEXT, "@type": "Dataset",
        "name": descriptor["title"], "alternateName": descriptor["name"],
        "description": descriptor["description"], "version": str(descriptor["version"]),
        "url": relative(page + ".html", page),
        "datePublished": day, "dateModified": day,
        "license": licences[0] if len(licences) == 1 else licences,
        "creator": report_author(descriptor, relative("book/" + REPORT_PAGE, page)),
        "keywords": list(descriptor.get("keywords", [])),
        "temporalCoverage": f"{first}/{last}",
        "spatialCoverage": [{"@type": "Place", "name": name(code)} for code in PLACES],
        "isAccessibleForFree": True, "inLanguage": "en",
        "distribution": distribution(descriptor, page, zip_name),
        "citation": [s["citation"] for s in descriptor.get("sources", []) if s.get("citation")],
    }

