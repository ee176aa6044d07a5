"""Every figure of the book: a registry of ids, shared chart parts, one module per subject.

* :mod:`~analysis.figures.registry` — one :class:`~analysis.figures.registry.Figure`
  per figure a chapter shows: its data step (package in, builder inputs out),
  its builder, caption and sources. Chapters show a figure by id with
  :func:`analysis.book.glue_figures`; ``python -m analysis.figures ID`` writes
  its SVG.
* :mod:`~analysis.figures.common` — axes, tooltips, titles with source lines,
  phase bands and event labels, once.
* ``arms``, ``customers``, ``orders``, ``alignment``, ``timeline``,
  ``scorecard`` — pure builders (a tidy DataFrame in, an Altair chart out, no
  I/O) and the data steps that feed them.
* :mod:`~analysis.figures.tables` — the rows of chosen events for a chapter's table.
"""
