"""The reproduction kit: rerun every chapter outside the repository and find the published numbers.

:func:`write_kit` writes ``russia-iran-relations-kit.zip``, which unpacks into
``russia-iran-relations-kit/`` holding:

* ``<chapter>.ipynb`` — every chapter as a notebook without outputs (the ones
  the site publishes, :func:`analysis.site.sphinx_downloads.write_notebook`);
* ``datapackage/`` — the data package as the package zip publishes it. A
  notebook run from the kit's folder finds it there
  (:func:`analysis.paths.datapackage_dir`);
* ``requirements.lock`` — the exact versions of every dependency;
* ``analysis-<version>-py3-none-any.whl`` — the report's library, built from
  the repository by :func:`build_wheel` (offline, byte-reproducible);
* ``book/references.bib`` and ``_config.yml`` — the bibliography and the book's
  title, which chapters read (:data:`CHAPTER_READS`);
* ``numbers.json`` — every value the published book pastes into its text
  (:mod:`analysis.site.sphinx_numbers`);
* ``Makefile`` (from ``kit.mk`` beside this module) and ``README.md``.

``make check`` in the unzipped folder creates a fresh virtual environment,
installs the lock file and the wheel, and runs ``python -m analysis.release.kit
check``: :func:`check` executes every notebook (nbclient, with the kit's folder
as working directory) and compares every glued value, as the book shows it
(:func:`shown_values`), and every provenance record with ``numbers.json``
(:func:`differences`); it prints each difference and exits non-zero if there
is any.

The zip is byte-identical between builds: sorted entries, fixed timestamps
and modes, and a wheel built with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from ast import literal_eval
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from analysis.paths import REPO_ROOT

KIT_NAME = "russia-iran-relations-kit.zip"
#: The folder the kit unpacks into.
KIT_ROOT = "russia-iran-relations-kit"
#: The kit's Makefile.
MAKEFILE = Path(__file__).with_name("kit.mk")
#: 2026-01-01T00:00:00Z: the time stamp of every zip entry, and of the wheel's (``SOURCE_DATE_EPOCH``).
EPOCH_SECONDS = 1767225600
_EPOCH = (2026, 1, 1, 0, 0, 0)
#: What the wheel is built from, besides ``src/``.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE")
#: The repository's files the chapters read besides the package, unpacked in the same layout
#: (the library reads them from the working directory, :func:`analysis.paths.repository_root`).
CHAPTER_READS = ("book/references.bib", "_config.yml")
#: The glue name of a page's provenance records (as :data:`analysis.book.PROVENANCE`).
PROVENANCE = "rir-provenance"
#: myst-nb's prefix of a glued value's MIME types when it is glued without display.
GLUE_PREFIX = "application/papermill.record/"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TEXT_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")
#: Fields of a ``numbers.json`` entry that are not part of the provenance record.
ENTRY_FIELDS = ("id", "chapter", "shown", "traced")


def build_wheel(target_dir: Path, repo_root: Path = REPO_ROOT) -> Path:
    """Build the wheel of ``analysis`` into ``target_dir`` and return its path.

    The sources (``src/`` without caches, and :data:`WHEEL_SOURCES`) are copied
    to a temporary folder with mode 0644, so that the build writes nothing into
    the repository, and built there with pip and the setuptools of the running
    environment (``--no-build-isolation``: no download) and ``SOURCE_DATE_EPOCH``
    set, so that two builds give the same bytes.
    """
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rir-wheel-") as tmp:
        work = Path(tmp) / "src-copy"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")
        shutil.copytree(repo_root / "src", work / "src", ignore=ignore, copy_function=shutil.copyfile)
        for name in WHEEL_SOURCES:
            shutil.copyfile(repo_root / name, work / name)
        for path in work.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        out = Path(tmp) / "out"
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH_SECONDS), "PIP_NO_INDEX": "1"}
        env.pop("PYTHONPATH", None)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", str(out), str(work)],
            check=True, env=env, cwd=tmp,
        )
        (wheel,) = out.glob("analysis-*.whl")
        target = target_dir / wheel.name
        shutil.copyfile(wheel, target)
    return target


def kit_readme(wheel_name: str, chapters: Sequence[str]) -> str:
    """Return the kit's README: what is inside and how to rerun it.

    Examples
    --------
    >>> text = kit_readme("analysis-0.1.0-py3-none-any.whl", ["arms", "thaw"])
    >>> "make check" in text and "`arms.ipynb`" in text and "RIR_DATAPACKAGE" in text
    True
    """
    notebooks = ", ".join(f"`{stem}.ipynb`" for stem in chapters)
    return "\n".join([
        "# Reproduction kit: An alliance of necessity? Russia and Iran, 1979–2026",
        "",
        "Everything needed to rerun the report's chapters without its repository, and to check",
        "that they give the numbers the published book shows.",
        "",
        "## What is inside",
        "",
        f"- the chapters as Jupyter notebooks without outputs: {notebooks};",
        "- `datapackage/`: the data package (Frictionless v2; its own README describes every table);",
        f"- `{wheel_name}`: the report's analysis library, which the notebooks import;",
        "- `requirements.lock`: the exact version of every dependency;",
        "- `numbers.json`: every value the published book pastes into its text, with how each",
        "  was computed;",
        "- `Makefile`: `make check`.",
        "",
        "## Rerun and check",
        "",
        "With Python 3.11 (`python3.11`, or name another with `make check PYTHON=...`) and the",
        "package registry (or a local mirror pip is configured to use):",
        "",
        "```bash",
        "make check",
        "```",
        "",
        "creates a fresh virtual environment in `.venv`, installs `requirements.lock` and the",
        "wheel into it, runs every notebook with this folder as working directory, and compares",
        "every value the notebooks glue, formatted as the book shows it, and every record of",
        "how a number was computed, with `numbers.json`. It prints each difference and ends",
        "with `0 differences` when the run reproduces the book. `make check KIT_PYTHON=...`",
        "uses an interpreter that already has the lock file and the wheel installed instead;",
        "`make clean` removes `.venv`.",
        "",
        "To explore a chapter, open its notebook with Jupyter from this folder after",
        "`make env`, using `.venv` as the kernel's environment. The library finds the data",
        "package in `./datapackage/` (the working directory's); set `RIR_DATAPACKAGE` to the",
        "folder of another copy of the package to use that one instead.",
        "",
        "Code: MIT licence. Data: see `datapackage/README.md` and `datapackage/LICENSE-DATA.md`.",
        "",
    ])


def kit_members(numbers_json: bytes, repo_root: Path = REPO_ROOT) -> dict[str, bytes]:
    """Return every file of the kit: its path inside :data:`KIT_ROOT` and its bytes.

    ``numbers_json`` is the published ``numbers.json``
    (:func:`analysis.site.sphinx_numbers.numbers_document`).
    """
    from analysis.paths import DATAPACKAGE_DIR
    from analysis.site.sphinx_downloads import chapter_sources, package_members, write_notebook

    members: dict[str, bytes] = {
        "Makefile": MAKEFILE.read_bytes(),
        "requirements.lock": (repo_root / "requirements.lock").read_bytes(),
        "numbers.json": numbers_json,
        "LICENSE": (repo_root / "LICENSE").read_bytes(),
    }
    members.update({name: (repo_root / name).read_bytes() for name in CHAPTER_READS})
    members.update({f"datapackage/{name}": data for name, data in package_members(DATAPACKAGE_DIR, views=False).items()})
    sources = chapter_sources(repo_root / "book")
    with tempfile.TemporaryDirectory(prefix="rir-kit-") as tmp:
        wheel = build_wheel(Path(tmp) / "wheel", repo_root)
        members[wheel.name] = wheel.read_bytes()
        for source in sources:
            members[f"{source.stem}.ipynb"] = write_notebook(source, Path(tmp) / f"{source.stem}.ipynb").read_bytes()
    members["README.md"] = kit_readme(wheel.name, [source.stem for source in sources]).encode("utf-8")
    return members


def zip_bytes(members: Mapping[str, bytes], root: str = KIT_ROOT) -> bytes:
    """Return ``members`` as a deterministic zip under ``root/`` (sorted, fixed times and modes).

    Examples
    --------
    >>> zip_bytes({"b": b"2", "a": b"1"}) == zip_bytes({"a": b"1", "b": b"2"})
    True
    >>> zipfile.ZipFile(io.BytesIO(zip_bytes({"a": b"1"}, "k"))).namelist()
    ['k/a']
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{root}/{name}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def write_kit(target: Path, numbers_json: bytes, repo_root: Path = REPO_ROOT) -> Path:
    """Write the kit zip at ``target`` (through a temporary file) and return it."""
    from analysis.site.sphinx_vega import write_atomically

    write_atomically(target, zip_bytes(kit_members(numbers_json, repo_root)))
    return target


def glue_formats(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Return the format each glue name is first pasted with by ``{glue:text}`` in the notebook's text.

    A name pasted without a format gets ``"s"``, as myst-nb does.

    Examples
    --------
    >>> cells = [{"cell_type": "markdown", "source": "In {glue:text}`year` it was {glue:text}`tiv:,.0f`."},
    ...          {"cell_type": "markdown", "source": "Again {glue:text}`tiv:.1f`."}]
    >>> glue_formats({"cells": cells})
    {'year': 's', 'tiv': ',.0f'}
    """
    formats: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for role in _TEXT_ROLE.findall(source if isinstance(source, str) else "".join(source)):
            key, _, fmt = role.rpartition(":") if ":" in role else (role, "", "s")
            formats.setdefault(key, fmt)
    return formats


def glued_text(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Return the ``text/plain`` of every value an executed notebook glued, by glue name.

    Examples
    --------
    >>> output = {"output_type": "display_data", "metadata": {"scrapbook": {"name": "year"}},
    ...           "data": {GLUE_PREFIX + "text/plain": "2022"}}
    >>> glued_text({"cells": [{"cell_type": "code", "outputs": [output]}]})
    {'year': '2022'}
    """
    found: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            text = data.get(GLUE_PREFIX + "text/plain", data.get("text/plain"))
            if name and text is not None:
                found[name] = text if isinstance(text, str) else "".join(text)
    return found


def format_plain_text(text: str, fmt: str) -> str:
    """Return a glued ``text/plain`` as ``{glue:text}`name:fmt``` shows it (myst-nb's rule).

    Examples
    --------
    >>> format_plain_text("6599.5", ",.0f"), format_plain_text("'Tehran'", "s"), format_plain_text("2022", "d")
    ('6,600', 'Tehran', '2022')
    """
    try:
        value = literal_eval(text)
    except (SyntaxError, ValueError):
        value = text
    if fmt == "":
        return str(value)
    kind = fmt[-1]
    if kind == "s":
        value = str(value)
    elif kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    return format(value, fmt)


def smart_quotes(text: str) -> str:
    """Return ``text`` as Sphinx prints it: quotes, dashes and ellipses educated (``qDe``).

    Examples
    --------
    >>> smart_quotes("SIPRI's 'register' -- 1979...")
    'SIPRI’s ‘register’ – 1979…'
    """
    from docutils.utils.smartquotes import educate_tokens

    return "".join(educate_tokens([("text", text)], attr="qDe", language="en"))


def shown_values(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Return each name an executed notebook pastes as text, as the book shows it."""
    glued = glued_text(notebook)
    return {name: smart_quotes(format_plain_text(glued[name], fmt))
            for name, fmt in glue_formats(notebook).items() if name in glued}


def run_records(notebook: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the provenance records an executed notebook glued, by glue name."""
    text = glued_text(notebook).get(PROVENANCE)
    return dict(json.loads(text)) if text else {}


def differences(published: Sequence[Mapping[str, Any]], runs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return every difference between ``numbers.json`` entries and executed notebooks.

    ``runs`` maps a chapter's page (``book/arms``) to its executed notebook.
    Differences: a chapter without a run, a name the run did not paste, a value
    shown otherwise, a provenance record that differs or is missing, and a name
    the run pastes that ``numbers.json`` lacks.

    Examples
    --------
    >>> output = {"output_type": "display_data", "metadata": {"scrapbook": {"name": "n"}},
    ...           "data": {"text/plain": "3"}}
    >>> run = {"cells": [{"cell_type": "markdown", "source": "{glue:text}`n`"},
    ...                  {"cell_type": "code", "outputs": [output]}]}
    >>> differences([{"chapter": "book/a", "id": "n", "shown": "3", "traced": False}], {"book/a": run})
    []
    >>> differences([{"chapter": "book/a", "id": "n", "shown": "4", "traced": False}], {"book/a": run})
    ["book/a: n: published '4', rerun '3'"]
    """
    found: list[str] = []
    chapters = sorted({str(entry["chapter"]) for entry in published})
    for chapter in chapters:
        if chapter not in runs:
            found.append(f"{chapter}: no notebook was run")
            continue
        shown, records = shown_values(runs[chapter]), run_records(runs[chapter])
        entries = [entry for entry in published if entry["chapter"] == chapter]
        for entry in entries:
            name = str(entry["id"])
            if name not in shown:
                found.append(f"{chapter}: {name}: published, not pasted by the rerun")
                continue
            if shown[name] != entry["shown"]:
                found.append(f"{chapter}: {name}: published {entry['shown']!r}, rerun {shown[name]!r}")
            if entry.get("traced"):
                record = {key: value for key, value in entry.items() if key not in ENTRY_FIELDS}
                if records.get(name) != record:
                    found.append(f"{chapter}: {name}: provenance record differs: published {record!r}, "
                                 f"rerun {records.get(name)!r}")
        for name in sorted(set(shown) - {str(entry["id"]) for entry in entries}):
            found.append(f"{chapter}: {name}: pasted by the rerun, not in numbers.json")
    return found


def execute(path: Path, workdir: Path, timeout: int = 600) -> dict[str, Any] | str:
    """Execute a notebook with ``workdir`` as working directory, in this Python's own kernel.

    Returns the executed notebook, or the error's last line when a cell fails.
    """
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    # Only this environment's ipykernel: a user's or the system's "python3" kernel is not looked up.
    specs = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    client = NotebookClient(notebook, km=manager, timeout=timeout,
                            resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's log lines, not the cells' errors
    except CellExecutionError as error:
        lines = [line for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
        return lines[-1] if lines else type(error).__name__
    return dict(notebook)


def check(kit_dir: Path, jobs: int = 2) -> int:
    """Rerun every notebook of the kit in ``kit_dir`` and compare with its ``numbers.json``.

    Validates the data package the notebooks will find once (they then skip it,
    :data:`analysis.package.VALIDATED_ENV`), prints where the library and the
    package come from, each difference and their count; returns 0 when there
    is none, else 1.
    """
    import analysis
    from analysis import paths
    from analysis.package import VALIDATED_ENV, validate_package

    kit_dir = kit_dir.resolve()
    os.chdir(kit_dir)
    descriptor = paths.datapackage_dir() / "datapackage.json"
    os.environ[VALIDATED_ENV] = validate_package(descriptor)
    print(f"library: {Path(analysis.__file__).parent}\ndata package: {descriptor} (valid)", flush=True)
    published = json.loads((kit_dir / "numbers.json").read_text(encoding="utf-8"))["numbers"]
    notebooks = sorted(kit_dir.glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = dict(zip((f"book/{path.stem}" for path in notebooks),
                            pool.map(execute, notebooks, [kit_dir] * len(notebooks))))
    runs = {page: notebook for page, notebook in executed.items() if not isinstance(notebook, str)}
    failed = [f"{page}: the notebook failed: {error}" for page, error in executed.items() if isinstance(error, str)]
    print(f"ran {len(notebooks)} notebooks; compared {len(published)} published values")
    found = failed + [line for line in differences(published, runs)
                      if not any(line.startswith(f"{page}: ") for page in executed if page not in runs)]
    for line in found:
        print(line)
    print(f"{len(found)} differences")
    return 1 if found else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.release.kit check [FOLDER] [--jobs N]`` (the kit's ``make check``)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.release.kit", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check"])
    parser.add_argument("folder", nargs="?", default=".", type=Path, help="the unzipped kit (default: .)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default: 2)")
    args = parser.parse_intermixed_args(argv)
    return check(args.folder, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
