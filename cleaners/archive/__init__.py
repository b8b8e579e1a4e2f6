"""The dated JSONL archive: writer, reader, run manifests, export cursors, stats and merge.

No Scrapy import: downstream tools read the archive with ``cleaners`` alone.
"""
