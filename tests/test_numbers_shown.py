"""The site's numbers.json and the traced numbers a reader sees.

Read from the built site: ``numbers.json`` lists every pasted glue value with
the text shown; each traced entry recomputes, from its record alone, on the
real package; each number a chapter's prose glues appears in numbers.json with
the text the page shows; and in Chromium a number's note appears on hover and
keyboard focus, and in print as a numbered note at the end of the page.
"""

from __future__ import annotations

import html
import importlib
import json
import re
from pathlib import Path

import pytest

from analysis import DataPackage
from analysis.chapters import TRACED_CHAPTERS as TRACED
from analysis.paths import BOOK_DIR
from analysis.provenance import note_text, plain, recompute
from tests.built_site import open_page

#: A pasted number in the built HTML: its glue name is not in the page, the id of its note is.
_FACT = re.compile(r'<span class="pasted-text rir-fact"[^>]*aria-describedby="([^"]*)"[^>]*>([^<]*)</span>')
#: A note in the page's list of notes: its id and its text.
_NOTE = re.compile(r'<li id="(rir-note-\d+)">([^<]*)</li>')
_GLUE = re.compile(r"\{glue:text\}`([^`:]+)(?::[^`]*)?`")

#: A number as a page shows it: digits, thousands separators, a decimal part, a per cent sign
#: ("6,600", "7.7", "58%", "2024"); a version such as "0.4.0" is not one.
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|-?\d+(?:\.\d+)?%?")


def _numbers(built_book: Path) -> list[dict[str, object]]:
    return json.loads((built_book / "numbers.json").read_text(encoding="utf-8"))["numbers"]


@pytest.mark.browser
@pytest.mark.book
def test_numbers_json_recomputes_from_the_package(built_book: Path, package: DataPackage) -> None:
    entries = _numbers(built_book)
    traced = [entry for entry in entries if entry["traced"]]
    assert traced, "numbers.json holds no traced value"
    for entry in traced:
        assert recompute(entry, package) == entry["value"], f"{entry['chapter']}: {entry['id']}"
        assert entry["unit"] and entry["function"] and entry["description"], entry["id"]


@pytest.mark.browser
@pytest.mark.book
def test_numbers_json_is_sorted_and_written_as_it_reads(built_book: Path) -> None:
    text = (built_book / "numbers.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    pairs = [(entry["chapter"], entry["id"]) for entry in document["numbers"]]
    assert pairs == sorted(set(pairs))


def _is_number(value: object) -> bool:
    """Whether a glued value is a number: an int or float, or a text that reads as one ("6,600", "58%")."""
    return isinstance(value, int | float) or bool(_NUMBER.fullmatch(str(value)))


def test_is_number_knows_numbers_from_words_and_versions() -> None:
    assert [_is_number(v) for v in (2024, 0.5, "6,600", "58%", "7.7", "-3")] == [True] * 6
    assert [_is_number(v) for v in ("0.4.0", "none", "third-largest", "24 Dec 1979", "")] == [False] * 5


@pytest.mark.browser
@pytest.mark.book
def test_every_number_numbers_json_lists_is_traced(built_book: Path) -> None:
    untraced = [(entry["chapter"], entry["id"], entry["shown"]) for entry in _numbers(built_book)
                if _is_number(entry["shown"]) and not entry["traced"]]
    assert not untraced, f"numbers shown without provenance: {untraced}"


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("stem", TRACED)
def test_every_glued_number_is_in_numbers_json_as_shown(
    stem: str, built_book: Path, package: DataPackage
) -> None:
    """Every ``{glue:text}`` name whose value is a number is traced in numbers.json, shown with its note."""
    values = plain(importlib.import_module(f"analysis.chapters.{stem}").facts(package))
    names = set(_GLUE.findall((BOOK_DIR / f"{stem}.md").read_text(encoding="utf-8")))
    entries = {entry["id"]: entry for entry in _numbers(built_book) if entry["chapter"] == f"book/{stem}"}
    numbers = {name for name in names if _is_number(values.get(name, ""))
               or _is_number(entries.get(name, {}).get("shown", ""))}
    assert numbers, f"{stem} glues no number"
    page = (built_book / "book" / f"{stem}.html").read_text(encoding="utf-8")
    notes = dict(_NOTE.findall(page))
    assert "data-note=" not in page, f"{stem}: a note is written twice"
    # One note per computation: a value shown twice points to one note, and every note is pointed to.
    assert len(set(notes.values())) == len(notes), f"{stem}: a note is listed twice"
    assert {note for note, _ in _FACT.findall(page)} == set(notes), f"{stem}: a note no number points to"
    shown = {(html.unescape(notes[note]), text) for note, text in _FACT.findall(page)}
    for name in sorted(numbers):
        entry = entries.get(name)
        assert entry is not None and entry["traced"], f"{stem}: {name} is not traced in numbers.json"
        assert entry["value"] == values[name], f"{stem}: {name}"
        assert (note_text(entry), entry["shown"]) in shown, f"{stem}: {name} is not shown with its note"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_number_shows_its_provenance_on_hover_focus_and_in_print(
    browser: object, site_url: str, width: int
) -> None:
    page, _visit = open_page(browser, f"{site_url}/book/enemies.html", {"width": width, "height": 900})
    try:
        number = page.locator("span.rir-fact").first
        # The note, written once in the page's list, is copied onto the number by its script.
        number.wait_for(state="attached")
        page.wait_for_function("document.querySelector('span.rir-fact').dataset.note !== undefined")
        note = number.get_attribute("data-note") or ""
        assert "Computed by analysis." in note and "Source:" in note
        described = page.locator(f"#{number.get_attribute('aria-describedby')}")
        assert described.text_content() == note
        after = "el => getComputedStyle(el, '::after').content"
        assert number.evaluate(after) in ("none", "normal", '""')
        number.focus()
        assert number.evaluate(after) == json.dumps(note, ensure_ascii=False)
        page.mouse.move(0, 0)
        page.locator("body").evaluate("el => document.activeElement.blur()")
        number.hover()
        assert number.evaluate(after) == json.dumps(note, ensure_ascii=False)
        page.emulate_media(media="print")
        page.mouse.move(0, 0)
        assert number.evaluate(after) == json.dumps(number.get_attribute("data-n"))
        assert page.locator("aside.rir-fact-notes").is_visible()
        assert page.locator("aside.rir-fact-notes li").first.text_content() == note
    finally:
        page.context.close()
