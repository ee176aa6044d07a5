"""Two clean builds in two different folders publish byte-identical sites.

The repository's files (tracked and untracked-but-not-ignored, as they are in
the working tree) are copied into two temporary folders of different names and
lengths; each copy is built from scratch with the project's interpreter and
``PYTHONPATH=<copy>/src``, so ``analysis.paths.REPO_ROOT`` (derived from the
module's file) is the copy and the site lands in ``<copy>/_build/html``. The
main tree's ``_build`` is never touched. The builds run one after the other
(each uses both cores for the chapters and the chart exports).

Every file under the two sites is compared byte for byte: pages, search index,
``.buildinfo``, chart exports (SVG, PNG, JSON), the Vega bundle, the package zip
and the chapter notebooks. ``ALLOWED_TO_DIFFER`` lists what cannot be made
identical, with the reason; it is empty.

About 45 s per build on 2 cores, so marked ``book`` and ``browser``: the fast
run (``-m "not browser"``) skips it.
"""

from __future__ import annotations

import filecmp
import subprocess
from pathlib import Path

import pytest

from tests.repo_copy import build_command, copy_repository

pytestmark = [pytest.mark.book, pytest.mark.browser]

#: Site files (paths relative to the site, POSIX) allowed to differ between two
#: clean builds, each with the reason it cannot be made identical. Keep empty.
ALLOWED_TO_DIFFER: dict[str, str] = {}


def build_copy(copy: Path) -> Path:
    """Build the book in ``copy`` from scratch; return its site folder."""
    command, env = build_command(copy)
    env["PYTHONHASHSEED"] = "random"  # do not hide hash-order dependence
    result = subprocess.run(
        command,
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"build in {copy} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    site = copy / "_build" / "html"
    assert (site / "index.html").is_file()
    return site


def site_files(site: Path) -> set[str]:
    """Return every file under ``site``, as POSIX paths relative to it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def differing_files(first: Path, second: Path) -> tuple[set[str], set[str], list[str]]:
    """Return (only in first, only in second, differing) between two sites."""
    one, two = site_files(first), site_files(second)
    changed = sorted(
        name
        for name in one & two
        if not filecmp.cmp(first / name, second / name, shallow=False)
    )
    return one - two, two - one, changed


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    # Different names and depths, so any path leaking into the site shows.
    first = build_copy(copy_repository(base / "one"))
    second = build_copy(copy_repository(base / "second-copy" / "nested"))
    return first, second


def test_two_clean_builds_publish_identical_sites(two_sites: tuple[Path, Path]) -> None:
    first, second = two_sites
    only_first, only_second, changed = differing_files(first, second)
    assert not only_first and not only_second, (sorted(only_first), sorted(only_second))
    unexpected = [name for name in changed if name not in ALLOWED_TO_DIFFER]
    assert not unexpected, f"files that differ between two clean builds: {unexpected}"
    # The comparison covers every kind of published file.
    names = site_files(first)
    for expected in (
        ".buildinfo",
        "index.html",
        "searchindex.js",
        "_static/downloads/russia-iran-relations-datapackage.zip",
    ):
        assert expected in names, expected
    for suffix in (".svg", ".png", ".json", ".ipynb", ".html"):
        assert any(name.endswith(suffix) for name in names), suffix


def test_no_build_folder_path_in_the_site(two_sites: tuple[Path, Path]) -> None:
    """No published text file names the folder it was built in."""
    for site in two_sites:
        root = str(site.parents[1]).encode()
        leaks = [
            name
            for name in sorted(site_files(site))
            if root in (site / name).read_bytes()
        ]
        assert not leaks, f"{site}: files naming the build folder: {leaks}"


def test_no_temporary_files_left(two_sites: tuple[Path, Path]) -> None:
    for site in two_sites:
        assert not [name for name in site_files(site) if name.endswith(".tmp")]
