"""Template widgets injected into real pages: the fundus benchmark pages, each with one to
three widgets of every shape both generators write (``bench.templategen``: one block,
siblings, paywall conditional; ``bench.confirmgen``: one block, residue in siblings inside or
outside the widget's container, a consent form, a paywall conditional whole or split across
elements) put after paragraphs of the article body, in the page's language where the
generators have it.

Scored per tool: pages with residue left, residue strings left (the widgets' tokens, keys
and plain lines, as in the generators' scorers), and the fundus paragraph recall on the
injected pages (a widget must not take the article's text with it). ``--seed`` picks the
widgets and places; seed 1 was looked at for rules, seed 2 is held out.
"""
