"""One module per chapter, each with ``facts(package)``: the values the chapter glues.

A chapter's hidden cell calls ``glue_facts(<chapter>.facts(package))``; every
key of the returned dict is a ``{glue:text}`` (or ``{glue}``) name in its prose.
Values are plain: ``int``, ``float``, ``str``, or a rendered table
(``IPython.display.HTML`` / ``Markdown``) — never a DataFrame; a number may come
wrapped in an :class:`analysis.provenance.Fact` that says how it was computed.
"""

#: Chapters whose every glued number is a Fact (tests hold them to it): every chapter of the book.
TRACED_CHAPTERS = ("index", "enemies", "thaw", "arms", "syria", "ukraine", "alignment", "after",
                   "scorecard", "timeline", "data", "dictionary")
