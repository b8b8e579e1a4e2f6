"""Run health on the Scrapy side: count each run, check it with Spidermon, report and fail it.

Wired by settings (``crawler/settings.py``): ``HealthTally`` (extension) counts pages by kind
and each written record's flags into the stats; Spidermon runs ``RunHealthSuite`` when the
engine stops (after the writer finished the run manifest); its actions add health, checks and
``healthy`` to the manifest, log the closing ``Run health:`` line, write the HTML report and
call the webhook; ``scrapy crawl`` (``crawler/commands/crawl.py``) then exits non-zero.
The figures and checks themselves are pure functions in ``cleaners.health``.
"""
