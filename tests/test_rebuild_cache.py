"""Which cached executions the execution stage keeps (``analysis.site.execute.untrusted``).

A cached execution is kept only if it matches a chapter's current code and was
made from the chapter's current inputs; everything else in the cache goes, so
that the executor runs exactly the chapters whose code or inputs changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from analysis.site.execute import record_identity, untrusted


@dataclass
class Record:
    """What the stage reads of a jupyter-cache record."""

    pk: int
    hashkey: str
    created: datetime = field(default_factory=lambda: datetime(2026, 1, 1))


@dataclass
class Cache:
    """The one cache method :func:`untrusted` calls."""

    records: list[Record]

    def list_cache_records(self) -> list[Record]:
        return self.records


def test_only_executions_of_current_code_from_current_inputs_are_kept() -> None:
    arms, timeline, thaw, older = Record(1, "h-arms"), Record(2, "h-timeline"), Record(3, "h-thaw"), Record(4, "h-old")
    cache = Cache([arms, timeline, thaw, older])
    found = {"book/arms.md": arms, "book/timeline.md": timeline, "book/thaw.md": thaw, "book/new.md": None}
    inputs = {"book/arms.md": "A", "book/timeline.md": "T2", "book/thaw.md": "H", "book/new.md": "N"}
    trust = {
        "book/arms.md": {"hashkey": "h-arms", "inputs": "A"},  # unchanged: kept
        "book/timeline.md": {"hashkey": "h-timeline", "inputs": "T1"},  # a module it imports changed
        "book/thaw.md": {"hashkey": "h-other", "inputs": "H"},  # made by someone else (e.g. Sphinx)
    }
    remove, changed = untrusted(cache, found, inputs, trust)
    # The execution of an older version of a chapter's code goes too.
    assert sorted(remove) == [2, 3, 4]
    assert changed == ["timeline", "new"]


def test_without_a_record_of_trust_nothing_is_kept() -> None:
    cache = Cache([Record(1, "h-arms")])
    remove, changed = untrusted(cache, {"book/arms.md": cache.records[0]}, {"book/arms.md": "A"}, {})
    assert remove == [1] and changed == ["arms"]


def test_an_execution_is_told_apart_from_a_later_one_with_the_same_key() -> None:
    first, again = Record(7, "h"), Record(7, "h", datetime(2026, 2, 1))
    assert record_identity(first) != record_identity(again)
    assert record_identity(None) is None
