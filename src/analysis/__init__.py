"""Russia–Iran report: the data package's loader, analysis functions and charts.

Start with :func:`analysis.load_package`, which validates ``datapackage/``
once per process and returns its tables as typed DataFrames.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.package import DataPackage, load_package

__all__ = ["DataPackage", "load_package"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import the loader on first use, not with the package.

    An eager import would put ``analysis.package`` in ``sys.modules`` before
    ``python -m analysis.package`` runs it, which makes runpy warn.
    """
    if name in __all__:
        from analysis import package

        return getattr(package, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
