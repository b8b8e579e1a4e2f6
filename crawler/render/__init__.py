"""Rendering script-built pages in a browser (scrapy-playwright, the system's Chromium).

Only where needed: ``modes`` says per site whether pages are rendered never, always or in
``auto`` (only pages the cleaner found to be script-rendered shells, ``shells``); ``requests``
marks a request for the browser; ``handler`` is the download handler that sends only marked
requests to the browser (others go the plain HTTP way) and keeps the crawl's guarantees
inside it (``guard``: off-site and off-scheme requests, images, media and fonts blocked);
``pipeline`` sends shells back through the browser; ``browser`` finds the executable.
"""
