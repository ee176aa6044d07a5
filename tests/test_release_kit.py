"""The reproduction kit: unzipped in an empty folder, ``make check`` reruns the book and finds its numbers.

The kit is the one the built site publishes. ``make check`` runs as a reader
would run it: a fresh virtual environment with the lock file and the wheel
(from the package registry, or pip's cache), no ``PYTHONPATH`` and no
repository around. It takes about 1–2 minutes, most of it installing the
lock file; ``KIT_PYTHON`` (see the kit's Makefile) is not used here, so the
Makefile's default is what is tested.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from analysis.paths import DATAPACKAGE_ENV, REPO_ROOT
from analysis.release.kit import (
    CHAPTER_READS, KIT_NAME, KIT_ROOT, build_wheel, differences, kit_members, zip_bytes,
)
from analysis.site.sphinx_downloads import chapter_sources, package_members, write_notebook
from analysis.site.sphinx_kit import DATA_PAGE, LINK_CLASS, SECTION_ID, on_page_context


def _clean_env() -> dict[str, str]:
    """The environment a reader has: none of the repository's or this test run's variables.

    Nor the variables of a ``make`` this test may run under (``make test``): a nested
    make would print its "Entering/Leaving directory" lines around the check's output.
    """
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")
            and not key.startswith(("RIR_", "PYTEST"))}


@pytest.mark.browser
@pytest.mark.book
def test_make_check_in_the_unzipped_kit_finds_no_difference(built_book: Path, tmp_path: Path) -> None:
    kit = built_book / "_static" / "downloads" / KIT_NAME
    with zipfile.ZipFile(kit) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / KIT_ROOT
    assert (folder / "numbers.json").read_bytes() == (built_book / "numbers.json").read_bytes()
    started = time.monotonic()
    result = subprocess.run(["make", "check"], cwd=folder, env=_clean_env(), capture_output=True,
                            text=True, timeout=900)
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    print(f"make check in the kit: {seconds:.0f} s ({kit.stat().st_size / 1e6:.2f} MB zip)")
    assert result.returncode == 0, output[-4000:]
    lines = result.stdout.splitlines()
    assert lines[-1] == "0 differences", output[-4000:]
    published = json.loads((folder / "numbers.json").read_text(encoding="utf-8"))["numbers"]
    assert f"ran {len(chapter_sources())} notebooks; compared {len(published)} published values" in lines
    # The wheel's library, in the fresh environment, read the package unzipped beside the notebooks.
    library = next(line for line in lines if line.startswith("library: "))
    assert library.startswith(f"library: {folder / '.venv'}"), library
    assert f"data package: {folder / 'datapackage' / 'datapackage.json'} (valid)" in lines


@pytest.mark.browser
@pytest.mark.book
def test_data_page_links_the_kit(built_book: Path) -> None:
    page = (built_book / "book" / "data.html").read_text(encoding="utf-8")
    assert f'href="../_static/downloads/{KIT_NAME}" download' in page


def test_the_data_page_offers_the_kit_in_its_section_or_the_build_stops() -> None:
    """The link goes after the heading of *Reusing the data*, whatever else the section's tag carries
    (a class, a style); a data page without that section stops the build rather than lose the link."""
    context = {"pathto": lambda name, resource: f"../{name}", "body": (
        f'<section id="{SECTION_ID}" class="rir-deferred" style="--rir-blocks: 1">\n'
        '<h2>Reusing the data<a class="headerlink" href="#">#</a></h2>\n<p>Read it.</p></section>')}
    on_page_context(None, DATA_PAGE, "page.html", context, None)
    heading_end = context["body"].index("</h2>") + len("</h2>")
    assert context["body"][heading_end:].startswith(f'<p class="{LINK_CLASS}">')
    assert f'href="../_static/downloads/{KIT_NAME}" download' in context["body"]
    unchanged = {"pathto": context["pathto"], "body": "<section id='other'><h2>Other</h2></section>"}
    with pytest.raises(ExtensionError, match=SECTION_ID):
        on_page_context(None, DATA_PAGE, "page.html", unchanged, None)
    elsewhere = dict(unchanged)
    on_page_context(None, "book/timeline", "page.html", elsewhere, None)
    assert elsewhere == unchanged


def test_kit_holds_the_notebooks_package_lock_wheel_and_numbers(tmp_path: Path) -> None:
    numbers = b'{"numbers": []}\n'
    members = kit_members(numbers)
    for source in chapter_sources():
        notebook = write_notebook(source, tmp_path / f"{source.stem}.ipynb").read_bytes()
        assert members[f"{source.stem}.ipynb"] == notebook, source.stem
    # The package exactly as the chapters read it: the published zip's chart views are not in it.
    for name, data in package_members(views=False).items():
        assert members[f"datapackage/{name}"] == data, name
    assert members["requirements.lock"] == (REPO_ROOT / "requirements.lock").read_bytes()
    assert members["numbers.json"] == numbers
    for name in CHAPTER_READS:
        assert members[name] == (REPO_ROOT / name).read_bytes()
    (wheel,) = [name for name in members if name.endswith(".whl")]
    with zipfile.ZipFile(io.BytesIO(members[wheel])) as archive:
        assert "analysis/release/kit.py" in archive.namelist()
        assert "analysis/paths.py" in archive.namelist()
    assert b"\ncheck:" in members["Makefile"] and wheel in members["README.md"].decode()
    # Byte-reproducible: a second build gives the same zip, the wheel included.
    assert zip_bytes(kit_members(numbers)) == zip_bytes(members)


def test_wheel_builds_byte_identical_without_touching_the_repository(tmp_path: Path) -> None:
    before = sorted(REPO_ROOT.iterdir()) + sorted((REPO_ROOT / "src").iterdir())
    first = build_wheel(tmp_path / "a").read_bytes()
    second = build_wheel(tmp_path / "b").read_bytes()
    assert first == second
    assert sorted(REPO_ROOT.iterdir()) + sorted((REPO_ROOT / "src").iterdir()) == before


def _run(shown: str, glued: str, *, record: dict[str, object] | None = None) -> dict[str, object]:
    """An executed chapter that pastes ``n`` with format ``,.0f`` and glued ``glued``."""
    outputs = [{"output_type": "display_data", "metadata": {"scrapbook": {"name": "n"}},
                "data": {"application/papermill.record/text/plain": glued}}]
    if record is not None:
        outputs.append({"output_type": "display_data", "metadata": {"scrapbook": {"name": "rir-provenance"}},
                        "data": {"application/papermill.record/text/plain": json.dumps({"n": record})}})
    return {"cells": [{"cell_type": "markdown", "source": f"It was {{glue:text}}`n:,.0f` ({shown})."},
                      {"cell_type": "code", "outputs": outputs}]}


def test_differences_name_every_kind_of_mismatch() -> None:
    record = {"value": 6599.5, "unit": "TIV"}
    entry = {"chapter": "book/arms", "id": "n", "shown": "6,600", "traced": True, **record}
    assert differences([entry], {"book/arms": _run("x", "6599.5", record=record)}) == []
    assert differences([entry], {"book/arms": _run("x", "6700.0", record=record)}) == [
        "book/arms: n: published '6,600', rerun '6,700'"]
    changed = differences([entry], {"book/arms": _run("x", "6599.5", record={**record, "value": 1})})
    assert len(changed) == 1 and "provenance record differs" in changed[0]
    assert differences([entry], {}) == ["book/arms: no notebook was run"]
    other = {**entry, "id": "m"}
    assert differences([other], {"book/arms": _run("x", "6599.5", record=record)}) == [
        "book/arms: m: published, not pasted by the rerun",
        "book/arms: n: pasted by the rerun, not in numbers.json"]


def test_datapackage_override_and_installed_library_roots(tmp_path: Path) -> None:
    code = "from analysis import paths; print(paths.DESCRIPTOR_PATH); print(paths.REPO_ROOT)"
    env = {**_clean_env(), "PYTHONPATH": str(REPO_ROOT / "src"), DATAPACKAGE_ENV: str(tmp_path / "pkg")}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == [str(tmp_path / "pkg" / "datapackage.json"), str(REPO_ROOT)]
    env[DATAPACKAGE_ENV] = str(tmp_path / "pkg" / "datapackage.json")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[0] == str(tmp_path / "pkg" / "datapackage.json")
