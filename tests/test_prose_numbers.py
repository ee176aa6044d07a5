"""No number typed by hand in the chapters' prose: every quantity is glued from the package.

The detector (:mod:`analysis.prose`) is checked first on small chapters written
here, one rule each, so that a planted number is seen to fail; then every
chapter of the book is read and each typed number is listed with its file and
line. Years, year ranges, decades, chapter or figure numbers and designations
such as ``S-300`` are allowed; anything else must come through ``{glue:text}``.
A last test checks a year the arms chapter now glues instead of "four decades".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import DataPackage
from analysis.chapters import arms
from analysis.paths import BOOK_DIR
from analysis.prose import chapter_offenders, numbers_in, prose_lines, typed_numbers

#: A small chapter in the book's form: front matter, a code cell, a standfirst,
#: a glued figure with options, prose with glue roles, links and citations.
CHAPTER = """---
jupytext:
  format_version: 0.13
---

# The 1995 pause

```{container} standfirst
Russia kept delivering until {glue:text}`end_year`.
```

```{code-cell} ipython3
:tags: [remove-cell]

glue_facts(thaw.facts(package), 2024)
```

```{glue:figure} fig-thaw-rank
:name: fig-thaw-rank
:figwidth: 100%

{glue:md}`fig-thaw-rank-caption`
```

From 1996–2000 Russia delivered {glue:text}`tiv:,.0f` million TIV
({numref}`fig-thaw-rank`, see [the 1989 accords](thaw.md#the-1989-accords) and
{cite}`sipri_at_db`), mostly S-300 and Tor-M1 systems, as Chapter 2 shows.
"""


def _line_of(text: str, start: str) -> int:
    """Return the 1-based number of the first line of ``text`` that starts with ``start``."""
    lines = enumerate(text.splitlines(), 1)
    return next(number for number, line in lines if line.startswith(start))


def test_a_chapter_with_every_number_glued_has_no_offender() -> None:
    assert typed_numbers(CHAPTER) == []


def test_a_planted_number_is_caught_with_its_line() -> None:
    planted = CHAPTER.replace("{glue:text}`tiv:,.0f` million", "772 million")
    hits = typed_numbers(planted)
    assert [(hit.line, hit.number) for hit in hits] == [(_line_of(planted, "From 1996"), "772")]
    assert hits[0].text.startswith("From 1996–2000 Russia delivered 772 million")


def test_a_number_in_the_standfirst_is_caught() -> None:
    planted = CHAPTER.replace("{glue:text}`end_year`", "the 3rd of May")
    expected = [(_line_of(planted, "Russia kept delivering"), "3")]
    assert [(hit.line, hit.number) for hit in typed_numbers(planted)] == expected


def test_code_cells_and_directive_options_are_not_prose() -> None:
    numbered = {line for line, _ in prose_lines(CHAPTER)}
    assert _line_of(CHAPTER, "glue_facts(") not in numbered
    assert _line_of(CHAPTER, ":figwidth:") not in numbered
    assert _line_of(CHAPTER, "  format_version") not in numbered
    assert _line_of(CHAPTER, "{glue:md}") in numbered


@pytest.mark.parametrize(
    "sentence",
    [
        "Iraq attacked Iran in 1980, and the war lasted until 1988.",
        "Over 1980–88 and in 2006–2010 Moscow voted for sanctions.",
        "In the 1990s Iran bought MiG-29 fighters and Kilo-class submarines.",
        "Resolution 1929 followed, as Figure 3 and Table 2 show.",
        "Read [the 2007 contract](thaw.md#the-s-300-2007) or https://example.org/2016/08.",
        "Events such as `E039` are listed in {{ phase_years_syria }}.",
        "1. **Necessity, yes.** The treaty added no pledge.",
        "Our tables are licensed CC BY 4.0.",
    ],
)
def test_allowed_digits_are_not_reported(sentence: str) -> None:
    assert numbers_in(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("Putin signed a 20-year treaty.", ["20"]),
        ("The essay appeared on 16 July 2023.", ["16"]),
        ("Iran sent 1,000 drones and 2.5 million shells.", ["1,000", "2.5"]),
        ("Iran was Russia's 3rd customer, with 7% of deliveries.", ["3", "7"]),
        ("Tehran ended it 6 days after the first sorties in 2016.", ["6"]),
    ],
)
def test_quantities_are_reported(sentence: str, numbers: list[str]) -> None:
    assert numbers_in(sentence) == numbers


def test_offenders_name_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "after.md"
    page.write_text("# After\n\nRussia struck on 30 November.\n", encoding="utf-8")
    assert chapter_offenders([page]) == ['after.md:3: 30 in "Russia struck on 30 November."']


def test_no_chapter_types_a_number_in_its_prose() -> None:
    chapters = sorted(BOOK_DIR.glob("*.md"))
    assert chapters, "no chapters found"
    offenders = chapter_offenders(chapters)
    assert not offenders, "numbers typed in prose, glue them from the package:\n" + "\n".join(
        offenders
    )


def test_the_arms_chapter_dates_the_first_soviet_delivery_from_the_package(
    package: DataPackage,
) -> None:
    """The sentence "no Soviet delivery to Iran from 1979 until <year>" reads its year from SIPRI."""
    rows = package["arms_transfers"]
    to_iran = rows[
        rows["supplier_code"].isin(["SUN", "RUS"])
        & (rows["recipient_code"] == "IRN")
        & rows["year"].between(*arms.YEARS)
        & (rows["tiv"] > 0)
    ]
    first = arms.facts(package)["out_first_year"].value
    assert first == int(to_iran["year"].min())
    assert first > arms.YEARS[0], "the text says deliveries did not start at once"
