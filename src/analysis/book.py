"""One call at the top of every chapter: house theme, book renderer, the package.

Examples
--------
>>> package = setup()
>>> "arms_transfers" in package
True
"""

from __future__ import annotations

from analysis.datapackage import DataPackage, load_package
from analysis.render import use_book_renderer
from analysis.theme import use_house_theme


def setup() -> DataPackage:
    """Prepare a chapter's kernel and return the validated data package."""
    use_house_theme()
    use_book_renderer()
    return load_package()
