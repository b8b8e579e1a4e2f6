"""CC-NEWS: Common Crawl's news WARCs, streamed, cleaned and archived like a crawl.

``newsclean ccnews`` lists the WARC files of a date range (``listing``), streams each over HTTP
with range-resume (``remote``), keeps the HTML 200 responses of the wanted hosts and languages
(``select``), cleans them in parallel (``cleaners.warc``), and writes the dated archive with the
seen-store and revisions (``cleaners.archive``, ``cleaners.seen``); ``ledger`` remembers which
files are done and how far an unfinished one got (``shared``: the same over Redis, with leases,
for several workers), ``run`` is the loop. Rules and defaults live in ``defaults``.
"""
