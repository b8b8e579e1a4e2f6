"""Raw pages as WARC 1.1: writing (warcio), reading back (fastwarc), re-cleaning an archive.

No Scrapy import: the crawler's WARC pipeline (``crawler.warc``) builds a ``HttpExchange`` and
hands it to ``WarcArchiveWriter``; ``newsclean show --raw``, ``newsclean clean FILE.warc.gz``
and ``newsclean reclean`` read the files back.
"""
