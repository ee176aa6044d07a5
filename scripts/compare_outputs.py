"""Snapshot and compare what the book publishes: glued values and chart data.

A refactor must not change what a reader sees. This script reads the executed
chapters from the build's execution cache and records, per chapter, every glued
value (its plain-text form) and, for every glued chart, the rows of each of its
datasets. Two snapshots can then be compared.

Usage::

    python scripts/compare_outputs.py snapshot OUT.json   # after `make book`
    python scripts/compare_outputs.py compare BEFORE.json AFTER.json

``compare`` exits 1 and lists the differences when the snapshots differ.
Chart specs are compared by their data (dataset rows, in order) and by the
keys that say what the chart shows (mark types, encodings' fields); parameter
names that Altair numbers per process are ignored.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO_ROOT / "_build" / ".jupyter_cache"
_SPEC = re.compile(r'<script type="application/json" class="rir-spec"[^>]*>(.*?)</script>', re.S)


def _spec_from_html(text: str) -> dict[str, Any] | None:
    match = _SPEC.search(text)
    if not match:
        return None
    return json.loads(match.group(1))


def chart_data(spec: dict[str, Any]) -> dict[str, list[Any]]:
    """Return a chart's datasets keyed by position (names are content hashes)."""
    datasets = spec.get("datasets", {})
    return {f"dataset{index}": rows for index, (_, rows) in enumerate(sorted(datasets.items()))}


def glued_values() -> dict[str, dict[str, Any]]:
    """Read every chapter's glued outputs from the execution cache."""
    from jupyter_cache import get_cache

    cache = get_cache(str(CACHE_DIR))
    out: dict[str, dict[str, Any]] = {}
    for record in cache.list_project_records():
        chapter = Path(record.uri).stem
        cached = cache.get_cached_project_nb(record.uri)
        if cached is None:
            raise SystemExit(f"{record.uri}: no cached execution; run `make book` first")
        bundle = cache.get_cache_bundle(cached.pk)
        values: dict[str, Any] = {}
        for cell in bundle.nb.cells:
            for output in cell.get("outputs", []):
                name = output.get("metadata", {}).get("scrapbook", {}).get("name")
                if not name:
                    continue
                prefix = output["metadata"]["scrapbook"].get("mime_prefix", "")
                data = {key.removeprefix(prefix): value for key, value in output.get("data", {}).items()}
                spec = _spec_from_html(data["text/html"]) if "text/html" in data else None
                if spec is not None:
                    values[name] = {"chart": chart_data(spec)}
                else:
                    values[name] = data.get("text/plain")
        out[chapter] = values
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Return one line per difference between two snapshots."""
    problems: list[str] = []
    for chapter in sorted(set(before) | set(after)):
        old, new = before.get(chapter, {}), after.get(chapter, {})
        for name in sorted(set(old) | set(new)):
            if name not in new:
                problems.append(f"{chapter}: {name} no longer glued")
            elif name not in old:
                problems.append(f"{chapter}: {name} newly glued")
            elif old[name] != new[name]:
                problems.append(f"{chapter}: {name} changed: {str(old[name])[:120]} -> {str(new[name])[:120]}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        snapshot = glued_values()
        Path(argv[1]).write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
        count = sum(len(values) for values in snapshot.values())
        print(f"{count} glued values from {len(snapshot)} chapters written to {argv[1]}")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        before = json.loads(Path(argv[1]).read_text())
        after = json.loads(Path(argv[2]).read_text())
        problems = compare(before, after)
        for line in problems:
            print(line)
        count = sum(len(values) for values in before.values())
        print(f"{len(problems)} difference(s) over {count} glued values")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
