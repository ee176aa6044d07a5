"""What a chapter calls: prepare the kernel, then glue its named values.

A chapter's code is three steps: ``package = setup()``, one call to its
``facts(package)`` (in :mod:`analysis.chapters`), and :func:`glue_facts` on the
result. The chapter then shows its figures by id and tells the story. Its cell
ends with :func:`glue_coverage`, which states the span of the evidence the
kernel read, shown under the standfirst.

Examples
--------
>>> package = setup()
>>> "arms_transfers" in package
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from analysis.coverage import evidence_span
from analysis.package import DataPackage, load_package
from analysis.provenance import plain, records
from analysis.site.render import use_book_renderer
from analysis.theme import use_house_theme


#: The glue name of a page's provenance records (glue name -> record), read by
#: :mod:`analysis.site.sphinx_numbers`.
PROVENANCE = "rir-provenance"


def setup() -> DataPackage:
    """Prepare a chapter's kernel and return the validated data package."""
    use_house_theme()
    use_book_renderer()
    return load_package()


def glue_facts(facts: Mapping[str, object]) -> None:
    """Glue every named value of a chapter's facts, without displaying them.

    Each key becomes a ``{glue:text}`` name in the chapter's prose. A value
    wrapped in a :class:`~analysis.provenance.Fact` is glued as its plain value,
    and its record (how it was computed) joins the page's provenance, glued as
    JSON text under :data:`PROVENANCE` for :mod:`analysis.site.sphinx_numbers`.
    """
    from IPython.display import Pretty
    from myst_nb import glue

    for key, value in plain(facts).items():
        glue(key, value, display=False)
    glue(PROVENANCE, Pretty(json.dumps(records(facts), sort_keys=True, ensure_ascii=False)), display=False)


def glue_figures(ids: Sequence[str], package: DataPackage) -> None:
    """Build each registered figure and glue it, and its caption, without displaying them.

    A chapter shows a figure by id: ``glue_figures(["fig-arms-flow"], package)``
    in its code cell, then a ``{glue:figure}`` directive naming the id whose
    caption is ``{glue:md}`fig-arms-flow-caption:myst``` (read as MyST). The ids, what each draws
    and its caption are in :mod:`analysis.figures.registry`, written once.
    """
    from myst_nb import glue

    from analysis.figures.registry import figure

    from IPython.display import Markdown

    for ident in ids:
        entry = figure(ident)
        glue(ident, entry.chart(package), display=False)
        glue(f"{ident}-caption", Markdown(entry.caption_markdown()), display=False)


#: The glue name of a page's coverage line (``{glue:md}`coverage:myst```).
COVERAGE = "coverage"

#: CSS class of the coverage line (``rir-charts.css``).
COVERAGE_CLASS = "rir-coverage"

#: Words before the spans of the coverage line.
COVERAGE_LEAD = "Data on this page:"


def coverage_markdown(span: str) -> str:
    """Return the coverage line as MyST: the spans in a span styled by :data:`COVERAGE_CLASS`.

    Examples
    --------
    >>> coverage_markdown("Events to April 2026 · Trade to 2014")
    '[Data on this page: Events to April 2026 · Trade to 2014]{.rir-coverage}'
    """
    return f"[{COVERAGE_LEAD} {span}]{{.{COVERAGE_CLASS}}}"


def glue_coverage(package: DataPackage) -> None:
    """Glue the span of the evidence this kernel read as :data:`COVERAGE`, without displaying it.

    Call it last in a chapter's code cell, so that every resource the facts
    and figures read (:attr:`analysis.package.DataPackage.reads`) counts; the
    chapter shows it right after its standfirst with a ``{glue:md}`` directive
    naming ``coverage`` with ``:format: myst``. Raises ``ValueError`` when the
    kernel read no resource with a time dimension.
    """
    from IPython.display import Markdown
    from myst_nb import glue

    span = evidence_span(package, package.reads)
    if not span:
        raise ValueError(f"the page read no dated resource (it read {sorted(package.reads)})")
    glue(COVERAGE, Markdown(coverage_markdown(span)), display=False)
