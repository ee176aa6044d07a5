"""Local Sphinx extension: the phases' names and years, from the data package, in the chapters.

When the configuration is read, the extension loads the package's ``phases``
table through the one loader (:func:`analysis.package.load_package`) and adds a
MyST substitution per phase and per kind (see
:func:`analysis.phases.substitutions`): ``phase_heading_<phase_id>`` is the
chapter's title, ``phase_title_<phase_id>`` and ``phase_years_<phase_id>`` its
parts. A chapter's first line reads ``# {{ phase_heading_syria }}``.

MyST expands a substitution while it parses the page, before Sphinx records the
page's title, so the expanded text is what the navigation, the page's
``<title>``, the previous/next links and the search index hold. A substitution
the table does not define is an error of the (warnings-as-errors) build, and a
change to the table changes ``myst_substitutions``, which Sphinx treats as a
configuration change that re-reads every page.

In the book build the package is validated once, before any stage runs
(:mod:`analysis.site.build`); the mark it leaves in the environment
(``RIR_VALIDATED_PACKAGE``, the package's fingerprint) makes this load read the
tables without validating the same bytes again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analysis.package import load_package
from analysis.phases import substitutions

#: A reference to a phase substitution in MyST text: ``{{ phase_heading_syria }}``.
REFERENCE = re.compile(r"\{\{\s*(phase_\w+)\s*\}\}")


def merged(configured: dict[str, Any] | None, phases: dict[str, str]) -> dict[str, Any]:
    """Return the configured substitutions with the phases' added; refuse a name defined twice.

    Examples
    --------
    >>> merged({"x": "1"}, {"phase_years_a": "1979–1988"})
    {'x': '1', 'phase_years_a': '1979–1988'}
    >>> merged({"phase_years_a": "1979"}, {"phase_years_a": "1979–1988"})
    Traceback (most recent call last):
    ...
    ValueError: myst_substitutions already defines ['phase_years_a']; phase names come only from the phases table
    """
    configured = dict(configured or {})
    clash = sorted(set(configured) & set(phases))
    if clash:
        raise ValueError(
            f"myst_substitutions already defines {clash}; phase names come only from the phases table"
        )
    return {**configured, **phases}


def expand(text: str, values: Mapping[str, str] | None = None) -> str:
    """Return MyST ``text`` with each phase substitution replaced by its value.

    For places MyST does not render, such as a chapter downloaded as a
    notebook. ``values`` defaults to the package's (see
    :func:`analysis.phases.substitutions`); an unknown name raises ``KeyError``.

    Examples
    --------
    >>> expand("# {{ phase_heading_a }} and {{phase_years_a}}", {
    ...     "phase_heading_a": "Enemies first, 1979–1988", "phase_years_a": "1979–1988"})
    '# Enemies first, 1979–1988 and 1979–1988'
    """
    if not REFERENCE.search(text):
        return text
    table = substitutions(load_package()["phases"]) if values is None else values
    return REFERENCE.sub(lambda match: table[match[1]], text)


def on_config_inited(app: Any, config: Any) -> None:
    """Add the phases' substitutions to ``myst_substitutions``."""
    config.myst_substitutions = merged(config.myst_substitutions, substitutions(load_package()["phases"]))


def setup(app: Any) -> dict[str, Any]:
    """Register the extension; ``myst_substitutions`` is MyST's (set up by myst-nb)."""
    app.connect("config-inited", on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
