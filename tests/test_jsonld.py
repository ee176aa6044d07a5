"""Structured data: the scorecard's ClaimReviews and the data page's Dataset, checked against schema.org.

The JSON-LD is checked offline by :mod:`tests.schema_org` (types, property
names, value types and required properties, from schema.org's definitions),
and every expected value comes from the package: its claims and verdicts, the
events on record (each review's evidence; the timeline links their sources), the descriptor's version, date and resources.
The ``book`` tests read the same data back out of the built pages and follow
every address it gives to a file or an anchor of the site.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pandas as pd
import pytest

from analysis import claims, jsonld
from analysis.coverage import TIME_FIELDS
from analysis.site.sphinx_downloads import ZIP_NAME, declared_paths
from analysis.site.sphinx_jsonld import DATA_PAGE
from tests.schema_org import nodes, problems

#: The verdicts on the scale, from worst to best.
SCALE = ("contradicted", "partly supported", "supported")

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def card(package) -> pd.DataFrame:
    return claims.scorecard(package)


@pytest.fixture(scope="module")
def reviews(package, card) -> dict:
    return jsonld.claim_reviews(card, package.descriptor)


@pytest.fixture(scope="module")
def dataset(package) -> dict:
    return jsonld.dataset(package, DATA_PAGE, ZIP_NAME)


def created_day(package) -> str:
    return str(package.descriptor["created"])[:10]


def timeline_of(package) -> dict[str, set[str]]:
    """Each claim's events as their addresses on the timeline, from the package's tables."""
    links = package["claim_events"]
    return {claim_id: {f"timeline.html#event-{e}" for e in links.loc[links["claim_id"] == claim_id, "event_id"]}
            for claim_id in package["claims"]["claim_id"]}


def check_reviews(data: dict, package) -> None:
    """Every claim of the package, and nothing else, as a valid ClaimReview with its verdict and evidence.

    The essay and the team are written once, as named nodes, and every review points to them.
    """
    assert data["@context"] == "https://schema.org"
    assert problems(data) == []
    named = {node["@id"]: node for node in data["@graph"] if "@id" in node}
    graph = [node for node in data["@graph"] if node.get("@type") == "ClaimReview"]
    assert len(named) + len(graph) == len(data["@graph"])
    claims_table = package["claims"].set_index("claim_id")
    assert [r["identifier"] for r in graph] == sorted(claims_table.index)
    timeline = timeline_of(package)
    essay = jsonld.bib_entry(jsonld.ESSAY_KEY)
    for review in graph:
        claim = claims_table.loc[review["identifier"]]
        assert review["url"] == f"scorecard.html#claim-{review['identifier']}"
        assert review["claimReviewed"] == claim["claim"]
        assert review["datePublished"] == created_day(package)
        assert named[review["author"]["@id"]]["name"] == package.descriptor["contributors"][0]["title"]
        rating = review["reviewRating"]
        assert rating["alternateName"] == claim["verdict"]
        assert rating["ratingExplanation"] == claim["reason"]
        assert set(review["isBasedOn"]) == timeline[review["identifier"]]
        work = named[review["itemReviewed"]["appearance"]["@id"]]
        assert work["name"] == essay["title"] and essay["year"] in work["datePublished"]
        assert work["author"]["name"].split()[-1] == essay["author"].split(",")[0]
        assert review["itemReviewed"]["author"] == work["author"]


def check_scale(ratings: list[dict]) -> None:
    """Ratings order the verdicts from contradicted to supported inside the stated scale."""
    values = {r["alternateName"]: r.get("ratingValue") for r in ratings}
    for rating in ratings:
        assert (rating["worstRating"], rating["bestRating"]) == (1, 4)
        if rating["alternateName"] == jsonld.UNRATED:
            assert "ratingValue" not in rating
        else:
            assert 1 <= rating["ratingValue"] <= 4
    on_scale = [values[v] for v in SCALE if v in values]
    assert on_scale == sorted(set(on_scale)), values


def test_claim_reviews_are_valid_and_match_the_package(reviews, package) -> None:
    check_reviews(reviews, package)


def test_every_verdict_has_its_place_on_the_scale() -> None:
    ratings = [jsonld.rating(v, "why") for v in claims.VERDICTS]
    assert problems(ratings, allowed=("Rating",)) == []
    check_scale(ratings)
    assert jsonld.rating(SCALE[0], "")["ratingValue"] == 1
    assert jsonld.rating(SCALE[-1], "")["ratingValue"] == 4


def test_an_unverifiable_claim_keeps_its_word_but_no_value(package, card) -> None:
    """No claim is unverifiable today: make one, as a revised table could."""
    changed = card.copy()
    changed.loc[0, "verdict"] = jsonld.UNRATED
    data = jsonld.claim_reviews(changed, package.descriptor)
    review = data["@graph"][2]
    assert review["identifier"] == changed.loc[0, "claim_id"]
    assert problems(data) == []
    assert review["reviewRating"]["alternateName"] == jsonld.UNRATED
    assert "ratingValue" not in review["reviewRating"]


def test_the_checker_catches_what_schema_org_forbids() -> None:
    """The validator itself: a wrong property, type or value each fail."""
    bad = {"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"@type": "Place", "name": "x"},
           "datePublished": "2 December 2026", "author": {"@type": "Person", "name": "A"},
           "url": "a b", "itemReviewed": {"@type": "Claim"}, "isBasedOn": [], "citation": [],
           "verdict": "supported"}
    found = "\n".join(problems(bad))
    for expected in ("has no property verdict", "a Place where Rating", "'2 December 2026' is not Date",
                     "'a b' is not URL", "Claim lacks appearance"):
        assert expected in found


def test_json_ld_cannot_close_its_script(package, card) -> None:
    changed = card.copy()
    changed.loc[0, "claim"] = "</script><script>alert(1)</script> & more"
    text = jsonld.script_tag(jsonld.claim_reviews(changed, package.descriptor))
    inner = SCRIPT.fullmatch(text)[1]
    assert "</" not in inner and "<" not in inner
    assert json.loads(inner)["@graph"][2]["claimReviewed"] == changed.loc[0, "claim"]


def expected_years(package) -> str:
    """First and last year of the package's dated rows, read from each dated table as text."""
    years = []
    for resource, spec in TIME_FIELDS.items():
        values = package[resource][spec.field].dropna()
        text = values.dt.strftime("%Y") if hasattr(values, "dt") else values.astype(str).str[:4]
        years += [int(y) for y in text if str(y).isdigit()]
    return f"{min(years)}/{max(years)}"


def check_dataset(data: dict, package) -> None:
    descriptor = package.descriptor
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert problems(data) == []
    assert (data["name"], data["description"]) == (descriptor["title"], descriptor["description"])
    assert data["version"] == descriptor["version"]
    assert data["datePublished"] == data["dateModified"] == created_day(package)
    assert data["license"] == descriptor["licenses"][0]["path"]
    assert data["keywords"] == descriptor["keywords"]
    assert data["temporalCoverage"] == expected_years(package)
    assert {p["name"] for p in data["spatialCoverage"]} >= {"Russia", "Iran"}
    assert data["isAccessibleForFree"] is True
    assert data["citation"] == [s["citation"] for s in descriptor["sources"]]
    downloads = data["distribution"]
    assert downloads[0]["encodingFormat"] == "application/zip"
    assert downloads[0]["contentUrl"].endswith(f"_static/downloads/{ZIP_NAME}")
    tables = {d["name"]: d for d in downloads[1:]}
    assert set(tables) == set(package)
    for resource in descriptor["resources"]:
        assert tables[resource["name"]]["encodingFormat"] == resource["mediatype"]
        assert tables[resource["name"]]["contentUrl"].endswith(f"_static/downloads/{resource['path']}")


def test_dataset_is_valid_and_matches_the_descriptor(dataset, package) -> None:
    check_dataset(dataset, package)


def test_dataset_dates_come_from_the_descriptor_not_the_clock(package) -> None:
    from dataclasses import replace

    moved = replace(package, descriptor={**package.descriptor, "created": "2031-05-06T00:00:00Z",
                                         "version": "9.9.9"})
    data = jsonld.dataset(moved, DATA_PAGE, ZIP_NAME)
    assert (data["datePublished"], data["dateModified"], data["version"]) == ("2031-05-06", "2031-05-06",
                                                                              "9.9.9")


# ---------------------------------------------------------------------------
# The built pages
# ---------------------------------------------------------------------------


def page_json_ld(path: Path) -> list[dict]:
    """The JSON-LD blocks of a built page, parsed; none may hold '</'."""
    blocks = SCRIPT.findall(path.read_text(encoding="utf-8"))
    assert all("</" not in block for block in blocks), path
    return [json.loads(block) for block in blocks]


def ids_on(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def resolves(site: Path, page: str, address: str) -> bool:
    """Whether a relative address on ``page`` names a file of the site (and its anchor, if any)."""
    parsed = urlparse(urljoin(f"http://site/{page}", address))
    target = site / parsed.path.lstrip("/")
    return target.is_file() and (not parsed.fragment or parsed.fragment in ids_on(target))


@pytest.mark.browser
@pytest.mark.book
def test_built_scorecard_carries_a_review_of_every_card(built_book: Path, package) -> None:
    page = built_book / "book" / "scorecard.html"
    blocks = page_json_ld(page)
    assert len(blocks) == 1
    check_reviews(blocks[0], package)
    check_scale(nodes(blocks[0], "Rating"))
    sources = package["event_sources"]
    timeline = (built_book / "book" / "timeline.html").read_text(encoding="utf-8")
    for review in nodes(blocks[0], "ClaimReview"):
        assert resolves(built_book, "book/scorecard.html", review["url"]), review["url"]
        for address in review["isBasedOn"]:
            assert resolves(built_book, "book/scorecard.html", address), address
            # A machine following the evidence finds every source of the event linked on its row.
            event_id = address.rpartition("#event-")[2]
            row = re.search(rf'<tr id="event-{event_id}">(.*?)</tr>', timeline, re.DOTALL)[1]
            linked = {html.unescape(url) for url in re.findall(r'<a href="([^"]+)"', row)}
            assert set(sources.loc[sources["event_id"] == event_id, "url"].astype(str)) <= linked, event_id


@pytest.mark.browser
@pytest.mark.book
def test_built_data_page_carries_the_dataset_and_its_downloads_exist(built_book: Path, package) -> None:
    from analysis.paths import DATAPACKAGE_DIR

    page = built_book / f"{DATA_PAGE}.html"
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    assert 'type="application/ld+json"' in head
    blocks = page_json_ld(page)
    assert len(blocks) == 1
    check_dataset(blocks[0], package)
    for download in blocks[0]["distribution"]:
        assert resolves(built_book, f"{DATA_PAGE}.html", download["contentUrl"]), download["contentUrl"]
    # Each table's download is the package's own file, byte for byte.
    for declared in declared_paths(package.descriptor):
        served = built_book / "_static" / "downloads" / declared
        assert served.read_bytes() == (DATAPACKAGE_DIR / declared).read_bytes(), declared
