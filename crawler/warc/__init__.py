"""Raw pages to WARC during crawls: capture (spider middleware) and writing (item pipeline).

``NEWS_WARC`` (or a profile's ``warc``) picks what is kept: ``articles`` (default), ``all``
(also listings, feeds, sitemaps, robots.txt) or ``off``. Files: ``<OUTPUT_DIR>/_warc/<site>/``.
"""
