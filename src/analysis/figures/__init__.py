"""Chart builders, one module per subject, all on the house theme.

Every builder is pure: a tidy DataFrame in, an Altair chart out, with explicit
encoding types, axis titles with units, a title with the source as subtitle,
formatted tooltips and a ``description`` used as alt text.
"""

from analysis.charts.arms import arms_flow_chart

__all__ = ["arms_flow_chart"]
