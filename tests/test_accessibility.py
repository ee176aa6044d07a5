"""Accessibility: axe-core (bundled in a PyPI package, injected from disk) on every page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.site.serve import REDIRECT_STUB, site_pages
from tests.built_site import DESKTOP, drawn_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

#: Impact levels that fail the test.
BLOCKING = {"critical", "serious", "moderate"}

#: Rules left to the theme, with the reason. sphinx-book-theme places the book's
#: title link at the top of its sidebar outside any landmark ("region"); the
#: link is plain and reachable, and the fix belongs in the theme's templates.
THEME_RULES = {"region"}


def axe_script() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    assert path.is_file(), "axe-core is missing from axe-playwright-python"
    return path


def test_pages_have_no_serious_accessibility_violations(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    script = axe_script()
    problems: list[str] = []
    for relative in site_pages(built_book):
        if relative in ("genindex.html", "search.html", REDIRECT_STUB):
            continue  # Sphinx's generated pages and the redirect stub
        with drawn_page(browser, f"{site_url}/{relative}", DESKTOP) as (page, _):
            page.add_script_tag(path=str(script))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
        for violation in result["violations"]:
            if violation["impact"] in BLOCKING and violation["id"] not in THEME_RULES:
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(
                    f"{relative}: {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} at {targets}"
                )
    assert not problems, "\n".join(problems)
