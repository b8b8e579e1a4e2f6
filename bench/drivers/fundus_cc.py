"""Fundus's ``CCNewsCrawler`` over a loopback copy of Common Crawl, one JSON line per article.

Run with the python of ``.venv-fundus`` (never imported by the bench itself):

    .venv-fundus/bin/python bench/drivers/fundus_cc.py --base http://127.0.0.1:PORT/ \
        --day 2025-09-03 --out articles.jsonl [--processes 0]

``CCNewsCrawler(*PublisherCollection, server_address=BASE)`` reads the month's
``warc.paths.gz`` under ``server_address`` and streams each WARC with ``requests`` and
fastwarc; it extracts only records whose host is one of its own publishers (its
parsers are written per publisher), so pages of other hosts give nothing. ``only_complete``
is off (an article without a date or title is still written) and errors are suppressed,
as the crawler's default. Each article is written as ``{"url", "maintext", "title",
"date_publish", "headings"}`` (``headings``: the sub-headings of its body sections).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys


def article_line(article) -> str:
    """One article as a JSON line."""
    body = article.body
    headings = []
    if body is not None:
        headings = [str(h) for section in body.sections for h in section.headline]
    date = article.publishing_date
    return json.dumps({"url": article.html.requested_url, "maintext": article.plaintext,
                       "title": article.title, "headings": headings,
                       "date_publish": None if date is None else date.isoformat()},
                      ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="Common Crawl base URL, ending in /")
    parser.add_argument("--day", required=True, help="YYYY-MM-DD crawl day of the WARC files")
    parser.add_argument("--out", required=True)
    parser.add_argument("--processes", type=int, default=0,
                        help="fundus's extra processes (0: the main process only)")
    args = parser.parse_args()

    from fundus import CCNewsCrawler, PublisherCollection

    base = args.base if args.base.endswith("/") else args.base + "/"
    day = datetime.datetime.strptime(args.day, "%Y-%m-%d")
    crawler = CCNewsCrawler(*PublisherCollection, start=day,
                            end=day + datetime.timedelta(days=1), processes=args.processes,
                            retries=0, disable_tqdm=True, server_address=base)
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for article in crawler.crawl(only_complete=False, error_handling="suppress"):
            out.write(article_line(article) + "\n")
            count += 1
    print(f"fundus_cc: {count} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
