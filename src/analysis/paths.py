"""Every filesystem location the project uses, resolved from the repository root.

Nothing else in the project builds paths from the current working directory:
notebooks run with ``book/`` as their working directory, tests from the root,
and the ingest from anywhere. Installed from its wheel (the reproduction kit),
the library reads from the working directory instead (:func:`repository_root`).
"""

from __future__ import annotations

import os
from pathlib import Path

#: Where this module sits in the source tree: ``<root>/src/analysis/paths.py``.
_SOURCE_ROOT: Path = Path(__file__).resolve().parents[2]


def repository_root() -> Path:
    """Return the folder the project's files are read from.

    From the source tree (the usual case, an editable install), the repository
    root: the folder holding ``pyproject.toml``. When ``analysis`` is installed
    from its wheel there is no such folder, and the working directory takes its
    place: the reproduction kit (:mod:`analysis.release.kit`) unpacks there what
    the chapters read, in the repository's layout (``datapackage/``,
    ``book/references.bib``, ``_config.yml``), so a downloaded notebook run from
    the kit's folder finds them beside it. Read once, when this module is imported.

    Examples
    --------
    >>> (repository_root() / "pyproject.toml").is_file()
    True
    """
    if (_SOURCE_ROOT / "pyproject.toml").is_file():
        return _SOURCE_ROOT
    return Path.cwd().resolve()


#: The repository root (see :func:`repository_root`).
REPO_ROOT: Path = repository_root()

#: The environment variable naming another data package folder (or its ``datapackage.json``).
DATAPACKAGE_ENV = "RIR_DATAPACKAGE"


def datapackage_dir() -> Path:
    """Return the folder of the data package the project reads (and the ingest writes).

    ``RIR_DATAPACKAGE`` names another folder (or that folder's
    ``datapackage.json``); by default it is ``datapackage/`` under
    :data:`REPO_ROOT`. Read once, when this module is imported.

    Examples
    --------
    >>> datapackage_dir() == REPO_ROOT / "datapackage" or DATAPACKAGE_ENV in os.environ
    True
    """
    override = os.environ.get(DATAPACKAGE_ENV)
    if override:
        named = Path(override).resolve()
        return named.parent if named.suffix == ".json" else named
    return REPO_ROOT / "datapackage"


#: The published data package (see :func:`datapackage_dir`).
DATAPACKAGE_DIR: Path = datapackage_dir()
DATA_DIR: Path = DATAPACKAGE_DIR / "data"
DESCRIPTOR_PATH: Path = DATAPACKAGE_DIR / "datapackage.json"

#: The hand-written tables (events, phases, claims, claim_events, publishers): sources of truth.
AUTHORED_DIR: Path = REPO_ROOT / "data" / "authored"

#: The book sources and the built site.
BOOK_DIR: Path = REPO_ROOT / "book"
BUILD_DIR: Path = REPO_ROOT / "_build"
HTML_DIR: Path = BUILD_DIR / "html"


def default_sources_dir() -> Path:
    """Return the folder of raw public sources read by the ingest.

    ``RIR_SOURCES`` overrides the default, which is ``../shared/sources``
    beside the repository.

    Examples
    --------
    >>> default_sources_dir().name
    'sources'
    """
    override = os.environ.get("RIR_SOURCES")
    if override:
        return Path(override).resolve()
    return (REPO_ROOT.parent / "shared" / "sources").resolve()
