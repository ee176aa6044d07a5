"""Where each glued number comes from: a value with the call that made it.

A chapter's facts (:mod:`analysis.chapters`) wrap each number they glue in a
:class:`Fact`: the value, its unit, the dotted name of the function that
computed it, the package resources the function read, the arguments that
define its rows or window, the path into the function's result that holds the
value (``pick``), a one-line description for the reader and the sources, with
their releases, of the resources read (from the package descriptor).

:func:`traced` makes one Fact by calling a function on resources of the
package; :func:`traced_each` makes one per key of a function that returns a
dict. :func:`recompute` calls the recorded function again from a record alone,
so anyone with the package can check a number of the site's ``numbers.json``
(written by :mod:`analysis.site.sphinx_numbers`). :func:`plain` unwraps a
chapter's facts into the values the prose shows.

Examples
--------
>>> import pandas as pd
>>> package = {"t": pd.DataFrame({"x": [1, 2, 3]})}
>>> def total(frame, column):
...     return int(frame[column].sum())
>>> fact = traced(total, package, "t", "x", unit="count", description="sum of x")
>>> fact.value, fact.resources, fact.args
(6, ('t',), ('x',))
>>> plain({"n": fact, "s": "text"})
{'n': 6, 's': 'text'}
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: A value the prose shows.
Scalar = int | float | str

#: One step into a function's result: a key or attribute name, or a position.
Step = str | int


@dataclasses.dataclass(frozen=True)
class Fact:
    """A glued value and how it was computed.

    ``function`` is called with the tables of ``resources`` (or with the whole
    package when ``whole_package`` is true), then ``args`` and ``kwargs``; the
    value is found in its result by following ``pick``.
    """

    value: Scalar
    unit: str
    function: str
    resources: tuple[str, ...]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    pick: tuple[Step, ...] = ()
    whole_package: bool = False
    description: str = ""
    sources: tuple[Mapping[str, str], ...] = ()

    def record(self) -> dict[str, Any]:
        """Return the Fact as JSON-able data (lists for tuples).

        Examples
        --------
        >>> Fact(3, "count", "m.f", ("t",), (1, (2, 3))).record()["args"]
        [1, [2, 3]]
        """
        return json.loads(json.dumps(dataclasses.asdict(self)))


def dotted(function: Callable[..., Any]) -> str:
    """Return the importable dotted name of a module-level function.

    Examples
    --------
    >>> dotted(json.dumps)
    'json.dumps'
    """
    return f"{function.__module__}.{function.__qualname__}"


def resolve(name: str) -> Callable[..., Any]:
    """Return the function a dotted name names (the inverse of :func:`dotted`).

    Examples
    --------
    >>> resolve("json.dumps") is json.dumps
    True
    >>> resolve("json.nothing")
    Traceback (most recent call last):
    ...
    ValueError: no function 'json.nothing'
    """
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                found = getattr(found, attribute)
        except AttributeError:
            break
        return found
    raise ValueError(f"no function {name!r}")


def picked(result: Any, pick: Sequence[Step]) -> Any:
    """Return the part of ``result`` that ``pick`` leads to: keys, attributes or positions.

    Examples
    --------
    >>> picked({"a": [10, 20]}, ["a", 1])
    20
    >>> picked(3 + 4j, ["imag"])
    4.0
    """
    for step in pick:
        if isinstance(result, Mapping) or isinstance(step, int):
            result = result[step]
        else:
            result = getattr(result, step)
    return result


def scalar(value: Any) -> Scalar:
    """Return ``value`` as a plain int, float or str (NumPy numbers included).

    Examples
    --------
    >>> import numpy as np
    >>> scalar(np.int64(3)), scalar(np.float64(0.5)), scalar("x")
    (3, 0.5, 'x')
    >>> scalar([1])
    Traceback (most recent call last):
    ...
    TypeError: a glued value must be a number or a text, not list
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool | numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"a glued value must be a number or a text, not {type(value).__name__}")


def jsonable(values: Any) -> Any:
    """Return ``values`` unchanged if JSON can write it, else raise ``TypeError``.

    Examples
    --------
    >>> jsonable(("SUN", 1980))
    ('SUN', 1980)
    >>> jsonable((object(),))
    Traceback (most recent call last):
    ...
    TypeError: a recorded argument must be JSON data: (<object object at ...>,)
    """
    try:
        json.dumps(values)
    except TypeError:
        raise TypeError(f"a recorded argument must be JSON data: {values!r}") from None
    return values


def sources_of(package: Any, resources: Sequence[str]) -> tuple[dict[str, str], ...]:
    """Return the sources (title, path and release where given) of ``resources``, once each.

    ``package`` is a :class:`~analysis.package.DataPackage`; any other mapping
    has no descriptor and gives no sources.
    """
    if not hasattr(package, "resource"):
        return ()
    found: list[dict[str, str]] = []
    for name in resources:
        for source in package.resource(name).get("sources", []):
            entry = {key: str(source[key]) for key in ("title", "path", "version") if key in source}
            if entry not in found:
                found.append(entry)
    return tuple(found)


def _call(
    function: Callable[..., Any],
    package: Any,
    resources: Sequence[str],
    args: Sequence[Any],
    kwargs: Mapping[str, Any],
    whole_package: bool,
) -> tuple[Any, tuple[str, ...]]:
    """Call ``function`` as a Fact records it; return its result and the resources it read."""
    if not whole_package:
        return function(*(package[name] for name in resources), *args, **kwargs), tuple(resources)
    if not hasattr(package, "reads"):
        return function(package, *args, **kwargs), tuple(resources)
    watched = dataclasses.replace(package, reads=set())
    result = function(watched, *args, **kwargs)
    package.reads.update(watched.reads)
    return result, tuple(sorted(watched.reads))


def traced(
    function: Callable[..., Any],
    package: Any,
    resources: str | Sequence[str],
    *args: Any,
    unit: str,
    description: str,
    pick: Sequence[Step] = (),
    whole_package: bool = False,
    **kwargs: Any,
) -> Fact:
    """Call ``function`` on the tables of ``resources`` with ``args`` and return the value as a Fact.

    With ``whole_package`` the function receives the package itself and the
    Fact records the resources it read. ``pick`` leads from the result to the
    value (see :func:`picked`).

    Examples
    --------
    >>> import pandas as pd
    >>> package = {"t": pd.DataFrame({"x": [1, 2]})}
    >>> traced(len, package, "t", unit="rows", description="rows of t").record()["function"]
    'builtins.len'
    """
    names = (resources,) if isinstance(resources, str) else tuple(resources)
    result, read = _call(function, package, names, jsonable(args), jsonable(kwargs), whole_package)
    return Fact(
        value=scalar(picked(result, pick)), unit=unit, function=dotted(function), resources=read,
        args=tuple(args), kwargs=dict(kwargs), pick=tuple(pick), whole_package=whole_package,
        description=description, sources=sources_of(package, read),
    )


def unit_for(key: str, units: str | Mapping[str, str]) -> str:
    """Return the unit of ``key``: ``units`` itself, or its entry for the longest matching prefix.

    Examples
    --------
    >>> unit_for("share_1990", {"share_": "share", "s": "x"}), unit_for("n", "count")
    ('share', 'count')
    """
    if isinstance(units, str):
        return units
    matches = [prefix for prefix in units if key.startswith(prefix)]
    if not matches:
        raise KeyError(f"no unit for {key!r}")
    return units[max(matches, key=len)]


def traced_each(
    function: Callable[..., Any],
    package: Any,
    resources: str | Sequence[str],
    *args: Any,
    units: str | Mapping[str, str],
    description: str | Mapping[str, str],
    keys: Sequence[str] | None = None,
    whole_package: bool = False,
    **kwargs: Any,
) -> dict[str, Fact]:
    """Call a function that returns a dict once, and return a Fact for each of its ``keys`` (default all).

    ``description`` is one per key, or one text that may name the key as ``{key}``;
    ``units`` as in :func:`unit_for`.

    Examples
    --------
    >>> import pandas as pd
    >>> def extremes(frame):
    ...     return {"low": int(frame["x"].min()), "high": int(frame["x"].max())}
    >>> found = traced_each(extremes, {"t": pd.DataFrame({"x": [4, 9]})}, "t",
    ...                     units="count", description="{key} of x")
    >>> {key: (fact.value, fact.pick, fact.description) for key, fact in found.items()}
    {'low': (4, ('low',), 'low of x'), 'high': (9, ('high',), 'high of x')}
    """
    names = (resources,) if isinstance(resources, str) else tuple(resources)
    result, read = _call(function, package, names, jsonable(args), jsonable(kwargs), whole_package)
    sources = sources_of(package, read)
    return {
        key: Fact(
            value=scalar(result[key]), unit=unit_for(key, units), function=dotted(function),
            resources=read, args=tuple(args), kwargs=dict(kwargs), pick=(key,),
            whole_package=whole_package, sources=sources,
            description=description[key] if isinstance(description, Mapping) else description.format(key=key),
        )
        for key in (result if keys is None else keys)
    }


def plain(facts: Mapping[str, object]) -> dict[str, object]:
    """Return a chapter's facts with every Fact replaced by its value.

    Examples
    --------
    >>> plain({"a": Fact(2, "count", "m.f", ()), "b": "x"})
    {'a': 2, 'b': 'x'}
    """
    return {key: value.value if isinstance(value, Fact) else value for key, value in facts.items()}


def records(facts: Mapping[str, object]) -> dict[str, dict[str, Any]]:
    """Return the record (:meth:`Fact.record`) of each Fact among a chapter's facts, by glue name.

    Examples
    --------
    >>> list(records({"a": Fact(2, "count", "m.f", ()), "b": "x"}))
    ['a']
    """
    return {key: value.record() for key, value in facts.items() if isinstance(value, Fact)}


def recompute(record: Mapping[str, Any], package: Any) -> Scalar:
    """Call the function a record names, as it records, on ``package``; return the value.

    Examples
    --------
    >>> import pandas as pd
    >>> package = {"t": pd.DataFrame({"x": [1, 2]})}
    >>> recompute(traced(len, package, "t", unit="rows", description="").record(), package)
    2
    """
    function = resolve(record["function"])
    result, _ = _call(function, package, record["resources"], record["args"], record["kwargs"],
                      record["whole_package"])
    return scalar(picked(result, record["pick"]))


def call_text(record: Mapping[str, Any]) -> str:
    """Return the call a record describes, as Python a reader can run.

    Sequences are written as the lists JSON keeps them as, so a one-item
    argument reads ``['E002']``, not a one-item tuple.

    Examples
    --------
    >>> call_text({"function": "analysis.transfers.total_tiv", "resources": ["arms_transfers"],
    ...     "args": ["SUN", "IRQ", 1980, 1988], "kwargs": {}, "pick": [], "whole_package": False})
    "analysis.transfers.total_tiv(arms_transfers, 'SUN', 'IRQ', 1980, 1988)"
    >>> call_text({"function": "m.f", "resources": ["a", "b"], "args": [["E002"]], "kwargs": {"window": 5},
    ...     "pick": ["E002", 0], "whole_package": True})
    "m.f(package, ['E002'], window=5)['E002'][0]"
    """
    inputs = ["package"] if record["whole_package"] else list(record["resources"])
    arguments = [*inputs, *(repr(value) for value in record["args"]),
                 *(f"{key}={value!r}" for key, value in record["kwargs"].items())]
    steps = "".join(f"[{step!r}]" for step in record["pick"])
    return f"{record['function']}({', '.join(arguments)}){steps}"


def source_label(source: Mapping[str, str]) -> str:
    """Return a source's title with its release, saying the release once.

    A title that already names the release (``… (March 2022 release)``) takes
    only what the version adds to it.

    Examples
    --------
    >>> source_label({"title": "SIPRI tables (March 2022 release)", "version": "March 2022 (deliveries to 2021)"})
    'SIPRI tables (March 2022 release, deliveries to 2021)'
    >>> source_label({"title": "SIPRI register (March 2025 release)", "version": "March 2025"})
    'SIPRI register (March 2025 release)'
    >>> source_label({"title": "ATOP", "version": "v5.1"}), source_label({"title": "COW"})
    ('ATOP (v5.1)', 'COW')
    """
    title, version = source["title"], source.get("version")
    if not version:
        return title
    release, _, extra = version.partition(" (")
    if release not in title:
        return f"{title} ({version})"
    extra = extra.removesuffix(")")
    if not extra:
        return title
    if title.endswith(" release)"):
        return f"{title[:-1]}, {extra})"
    return f"{title} ({extra})"


#: A note names at most this many sources; a value drawn from more (a count over the whole
#: scorecard, which reads every table) gives their number and where they are listed.
NAMED_SOURCES = 3

#: Where the book lists every source of the package with its release and licence.
SOURCES_LISTED = "listed on the data page under Provenance and licences"


def source_text(record: Mapping[str, Any]) -> str:
    """Return the sources of a record with their releases, for a note.

    A value read from the package's descriptor alone (no table) says so; one
    drawn from more than :data:`NAMED_SOURCES` sources gives their number and
    where the book lists them, as a list of ten titles is a wall of text in a
    number's hover card (``numbers.json`` keeps every one).

    Examples
    --------
    >>> source_text({"sources": [{"title": "SIPRI", "version": "March 2025"}, {"title": "ATOP"}],
    ...     "resources": ["arms_transfers"]})
    'SIPRI (March 2025); ATOP'
    >>> source_text({"sources": [{"title": t} for t in "ABCD"], "resources": ["a", "b"]})
    "4 of the package's sources, listed on the data page under Provenance and licences"
    >>> source_text({"sources": [], "resources": ["events"]})
    'data package: events'
    >>> source_text({"sources": [], "resources": []})
    "the data package's descriptor (datapackage.json)"
    """
    parts = [source_label(source) for source in record["sources"]]
    if len(parts) > NAMED_SOURCES:
        return f"{len(parts)} of the package's sources, {SOURCES_LISTED}"
    if parts:
        return "; ".join(parts)
    if record["resources"]:
        return f"data package: {', '.join(record['resources'])}"
    return "the data package's descriptor (datapackage.json)"


def note_text(record: Mapping[str, Any]) -> str:
    """Return the one-paragraph note that explains a glued value: what, how, from which source.

    Examples
    --------
    >>> note_text({"description": "Sum of TIV", "function": "m.f", "resources": ["t"],
    ...     "args": [1980], "kwargs": {}, "pick": [], "whole_package": False, "sources": []})
    'Sum of TIV. Computed by m.f(t, 1980). Source: data package: t.'
    """
    return f"{record['description']}. Computed by {call_text(record)}. Source: {source_text(record)}."
