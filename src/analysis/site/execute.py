"""Stage one of ``make book``: execute the chapters whose cached outputs are not current.

Run as its own process (``python -m analysis.site.execute``) by the build
driver, which stops its whole process group on an interrupt. Sphinx reads
(and so executes) notebooks one after another; running them first through
jupyter-cache's parallel executor, with myst-nb's own reader, fills the very
cache that myst-nb then reads, so a clean build uses both cores. A notebook
that fails here is run again by Sphinx, which then reports the error.

The cache matches a chapter by its code cells only, so this stage keeps a
cached execution only while it is *trusted*: it was made from the chapter's
current code and from the inputs its code reads
(:func:`analysis.site.dependencies.chapter_fingerprints`: the library modules
it imports, directly or not, the data package, the environment). Every other
cached execution is removed before the executor runs, so exactly the chapters
whose code or inputs changed are executed again. :data:`TRUST_FILE` records,
per chapter, the execution made and the inputs it was made from.

:data:`RECORDS_FILE` then says, per chapter, which execution its page will
show and the hash of its source, and fingerprints what Sphinx makes every page
from (:func:`analysis.site.dependencies.pages_fingerprint`, computed here from
the same reading of the library); the driver compares these with what the last
finished Sphinx build used, to know which pages Sphinx must read again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis.paths import BUILD_DIR, REPO_ROOT

#: The execution cache that ``_config.yml`` names (``execute.cache``).
CACHE_DIR = BUILD_DIR / ".jupyter_cache"
#: Per chapter: the cached execution this stage trusts and the fingerprint of its inputs.
TRUST_FILE = BUILD_DIR / ".chapter-inputs.json"
#: Written by this stage: the fingerprint of what Sphinx makes every page from
#: (``pages``) and, per chapter, its source's sha256 and the cached execution its
#: page shows (``chapters``).
RECORDS_FILE = BUILD_DIR / ".chapter-records.json"


def read_json(path: Path) -> dict[str, Any]:
    """Return the JSON object in ``path``, or an empty one if it is missing or unreadable."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_json(path: Path, value: Mapping[str, Any]) -> None:
    """Write ``value`` to ``path`` in one step (a reader sees the old file or the new one)."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(value, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def chapter_key(source: Path) -> str:
    """Name a chapter by its path in the repository, as the state files do."""
    return str(source.relative_to(REPO_ROOT))


def cached_execution(cache: Any, notebook: Any) -> Any:
    """Return the cached execution of ``notebook``'s current code, or ``None``."""
    try:
        return cache.match_cache_notebook(notebook)
    except KeyError:
        return None


def untrusted(cache: Any, found: Mapping[str, Any], inputs: Mapping[str, str],
              trust: Mapping[str, Any]) -> tuple[list[int], list[str]]:
    """Return the cached executions to remove (by key) and the chapters whose inputs changed.

    ``found`` maps each chapter to the cached execution of its current code
    (or ``None``). One is kept if :data:`TRUST_FILE` says it was made from the
    chapter's current inputs; every other execution in the cache is removed.
    """
    keep: set[int] = set()
    changed: list[str] = []
    for key, record in found.items():
        was = trust.get(key) or {}
        if was.get("inputs") != inputs[key]:
            changed.append(Path(key).stem)
        elif record is not None and was.get("hashkey") == record.hashkey:
            keep.add(record.pk)
    return [record.pk for record in cache.list_cache_records() if record.pk not in keep], changed


def remove_executions(cache: Any, keys: list[int]) -> None:
    """Remove cached executions; clear the whole cache if one is damaged (its files missing)."""
    for key in keys:
        try:
            cache.remove_cache(key)
        except KeyError:
            cache.clear_cache()
            return


def run_missing(cache: Any, uris: list[str]) -> int:
    """Execute the chapters ``uris`` in parallel, filling the cache; return how many succeeded."""
    if not uris:
        print("executed 0 chapter(s)", flush=True)
        return 0
    from jupyter_cache.executors import load_executor

    executor = load_executor("local-parallel", cache=cache)
    result = executor.run_and_cache(filter_uris=uris, timeout=300, allow_errors=False)
    ran = sorted(Path(uri).stem for uri in result.succeeded)
    failed = [*result.errored, *result.excepted]
    print(
        f"executed {len(ran)} chapter(s)" + (f" in parallel: {', '.join(ran)}" if ran else "")
        + (f"; {len(failed)} failed and will be rerun by Sphinx" if failed else ""),
        flush=True,
    )
    return len(ran)


_EXECUTED = re.compile(r"^executed \d+ chapter\(s\)(?: in parallel: ([^;\n]*))?", re.MULTILINE)


def executed_chapters(output: str) -> tuple[str, ...]:
    """Return the chapters a build's output says this stage executed (the line :func:`run_missing` prints).

    >>> executed_chapters("== executing chapters\\nexecuted 2 chapter(s) in parallel: arms, thaw\\n")
    ('arms', 'thaw')
    >>> executed_chapters("executed 0 chapter(s)\\n")
    ()
    """
    found = _EXECUTED.search(output)
    return tuple(found.group(1).split(", ")) if found and found.group(1) else ()


def record_identity(record: Any) -> list[Any] | None:
    """What tells two cached executions apart, even if the cache reuses a key."""
    return None if record is None else [record.pk, record.hashkey, record.created.isoformat()]


def execute_chapters() -> int:
    """Drop the untrusted executions, execute what is missing in parallel; return how many ran."""
    from jupyter_cache import get_cache

    from analysis.site.dependencies import (
        ImportGraph,
        chapter_fingerprints,
        pages_fingerprint,
        read_chapter,
    )
    from analysis.site.sphinx_downloads import chapter_sources

    sources = chapter_sources()
    digests = {chapter_key(s): hashlib.sha256(s.read_bytes()).hexdigest() for s in sources}
    notebooks = {source: read_chapter(source) for source in sources}
    graph = ImportGraph.scan()
    inputs = chapter_fingerprints(notebooks, graph)
    cache = get_cache(str(CACHE_DIR))
    listed = {record.uri for record in cache.list_project_records()}
    for source in sources:
        if str(source) not in listed:
            cache.add_nb_to_project(str(source), read_data={"name": "myst_nb_md", "type": "plugin"})
    found = {chapter_key(s): cached_execution(cache, nb) for s, nb in notebooks.items()}
    stale, changed = untrusted(cache, found, inputs, read_json(TRUST_FILE))
    remove_executions(cache, stale)
    if changed:
        print(f"inputs changed for {len(changed)} chapter(s): {', '.join(changed)}", flush=True)
    missing = [str(s) for s, nb in notebooks.items() if cached_execution(cache, nb) is None]
    ran = run_missing(cache, missing)
    trust: dict[str, Any] = {}
    records: dict[str, Any] = {}
    for source, notebook in notebooks.items():
        key = chapter_key(source)
        record = cached_execution(cache, notebook)
        if record is not None:
            trust[key] = {"hashkey": record.hashkey, "inputs": inputs[key]}
        records[key] = {"source": digests[key], "execution": record_identity(record)}
    write_json(TRUST_FILE, trust)
    write_json(RECORDS_FILE, {"pages": pages_fingerprint(graph), "chapters": records})
    return ran


if __name__ == "__main__":
    execute_chapters()
