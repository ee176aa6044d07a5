"""Russia–Iran report: the data package's loader, analysis functions and charts.

Start with :func:`analysis.load_package`, which validates ``datapackage/``
once per process and returns its tables as typed DataFrames.
"""

from analysis.package import DataPackage, load_package

__all__ = ["DataPackage", "load_package"]
__version__ = "0.1.0"
