"""The scorecard's filters in Chromium: each filter shows exactly its claims and says how many.

Every expected card comes from the package's ``claims`` table (verdict, basis,
phase); the filters are found by their roles and labels as a reader finds
them, and the count line is read as a screen reader hears it (its
``role="status"`` region). Without JavaScript the filters stay hidden and
every card shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from analysis.claims.cards import FILTERS
from analysis.phases import phase_names
from tests.built_site import DESKTOP, open_page, reach, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}

#: Column of the claims table behind each filter.
COLUMNS = {"verdict": "verdict", "basis": "basis", "phase": "phase_id"}

#: JavaScript: the claims whose cards the reader sees, top to bottom.
VISIBLE_CARDS = """() => [...document.querySelectorAll('li.rir-claim')]
    .filter(c => !c.hidden && c.getClientRects().length > 0).map(c => c.id.replace('claim-', ''))"""


def choices(package) -> dict[str, dict[str, str]]:
    """Each filter's values and the words its buttons show, from the package."""
    names = phase_names(package["phases"])
    used = set(package["claims"]["phase_id"])
    phases = {p: t for p, t in zip(names["phase_id"], names["short_title"], strict=True) if p in used}
    return {key: (phases if key == "phase" else labels) for key, (_, labels) in FILTERS.items()}


def open_scorecard(browser: Browser, url: str, viewport) -> Page:
    page, visit = open_page(browser, f"{url}/book/scorecard.html", viewport)
    wait_for_charts(page)
    page.locator(".rir-scorecard-block.rir-enhanced").wait_for()
    assert not visit.problems(url), visit.problems(url)
    return page


def pick(page: Page, legend: str, label: str, count: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_role("radio", name=f"{label} ({count})", exact=True).check()


def count_text(shown: int, total: int, named: list[str]) -> str:
    return f"Showing {shown} of {total} claims" + (f" ({'; '.join(named)})" if named else "") + "."


def test_each_filter_shows_exactly_its_claims(browser: Browser, site_url: str, package) -> None:
    claims = package["claims"].sort_values("claim_id")
    total = len(claims)
    page = open_scorecard(browser, site_url, DESKTOP)
    status = page.get_by_role("status")
    try:
        assert page.evaluate(VISIBLE_CARDS) == claims["claim_id"].tolist()
        assert status.text_content() == count_text(total, total, [])
        for key, values in choices(package).items():
            legend = FILTERS[key][0]
            for value, label in values.items():
                expected = claims.loc[claims[COLUMNS[key]] == value, "claim_id"].tolist()
                pick(page, legend, label, len(expected))
                assert page.evaluate(VISIBLE_CARDS) == expected, (key, value)
                assert status.text_content() == count_text(
                    len(expected), total, [f"{legend.lower()}: {label}"])
            pick(page, legend, "all", total)
            assert page.evaluate(VISIBLE_CARDS) == claims["claim_id"].tolist()
    finally:
        page.context.close()


def test_filters_combine(browser: Browser, site_url: str, package) -> None:
    """A verdict and a basis together keep the claims that have both."""
    claims = package["claims"].sort_values("claim_id")
    verdict = claims["verdict"].value_counts().index[0]
    basis = claims.loc[claims["verdict"] == verdict, "basis"].value_counts().index[0]
    both = claims.loc[(claims["verdict"] == verdict) & (claims["basis"] == basis), "claim_id"].tolist()
    labels = choices(package)
    page = open_scorecard(browser, site_url, DESKTOP)
    try:
        pick(page, FILTERS["verdict"][0], verdict, int((claims["verdict"] == verdict).sum()))
        pick(page, FILTERS["basis"][0], labels["basis"][basis], int((claims["basis"] == basis).sum()))
        assert page.evaluate(VISIBLE_CARDS) == both
        assert page.get_by_role("status").text_content() == count_text(
            len(both), len(claims), [f"verdict: {verdict}", f"evidence: {labels['basis'][basis]}"])
        assert page.get_by_role("status").get_attribute("aria-live") == "polite"
    finally:
        page.context.close()


def test_without_javascript_every_card_shows_and_no_filter(browser: Browser, site_url: str, package) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/book/scorecard.html", wait_until="load")
        reach(page, "li.rir-claim")
        assert page.evaluate(VISIBLE_CARDS) == sorted(package["claims"]["claim_id"])
        assert not page.locator("form.rir-claim-filters").is_visible()
        assert not page.locator(".rir-claim-count").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_filters_fit_the_page(browser: Browser, site_url: str, package, viewport) -> None:
    """Every filter button lies inside the text column, at desktop and phone widths."""
    page = open_scorecard(browser, site_url, viewport)
    try:
        column = page.locator("ol.rir-scorecard").bounding_box()
        assert column is not None
        for box in page.locator("form.rir-claim-filters label").evaluate_all(
                "ls => ls.map(l => l.getBoundingClientRect().toJSON())"):
            assert box["left"] >= column["x"] - 1 and box["right"] <= column["x"] + column["width"] + 1, box
        widest = page.evaluate("() => document.documentElement.scrollWidth")
        assert widest <= viewport["width"], widest
    finally:
        page.context.close()

