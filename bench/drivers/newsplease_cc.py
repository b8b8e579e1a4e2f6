"""news-please 1.6.16's CC-NEWS path over a loopback Common Crawl, one JSON line per article.

Run with the python of ``.venv-newsplease`` (news-please's pins clash with ours), never
imported by the bench itself:

    .venv-newsplease/bin/python bench/drivers/newsplease_cc.py --base http://127.0.0.1:PORT/ \
        --month 2025-09 --out articles.jsonl [--processes 1]

It calls ``newsplease.crawler.commoncrawl_crawler.crawl_from_commoncrawl``, the function
``news-please-cc`` (``newsplease.examples.commoncrawl:main``) calls, with that script's
defaults (no host or date filter, continue after errors, no images, one process), so the work
is news-please's own: read the month's ``warc.paths.gz`` under the base URL, download each
WARC into a temporary folder (``urllib.request.urlretrieve``), iterate it with warcio's
``ArchiveIterator`` and run ``NewsPlease.from_warc`` (newspaper4k, readability, date and
language extractors) on every ``response`` record; a record that fails to decode (the images)
is discarded, as news-please does. Two changes, both to keep it offline: the Common Crawl base
URL is the loopback server's, and ``boto3.client`` gives a client whose ``head_bucket`` raises
``NoCredentialsError`` (news-please then uses the HTTPS listing and downloads, as it does on a
machine without AWS credentials, instead of probing S3 or the EC2 metadata address). Each
article is written as ``{"url", "maintext", "title", "date_publish"}``, the line
``bench.ccnews_score.driver_extraction`` reads.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
import tempfile

OUT = ""  # the output file, set in main (the callback gets only the article)


class NoCredentialsS3:
    """What ``boto3.client("s3")`` gives news-please here: a client without credentials, so
    its ``head_bucket`` check fails as on a machine without AWS credentials."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def head_bucket(self, **kwargs):
        import botocore.exceptions

        raise botocore.exceptions.NoCredentialsError()


def write_article(article) -> None:
    """news-please's ``callback_on_article_extracted``: one JSON line per article."""
    date = article.date_publish
    line = json.dumps({"url": article.url, "maintext": article.maintext, "title": article.title,
                       "date_publish": None if date is None else str(date)}, ensure_ascii=False)
    with open(OUT, "a", encoding="utf-8") as out:  # append: whole lines from any process
        out.write(line + "\n")


def warc_done(warc_path, passed, discarded, errors, total, processed) -> None:
    print(f"newsplease_cc: {warc_path}: {passed} articles, {discarded} discarded, {errors} "
          f"errors of {total} responses so far ({processed} files)", file=sys.stderr)


def main() -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="Common Crawl base URL, ending in /")
    parser.add_argument("--month", required=True, help="YYYY-MM of the WARC files to take")
    parser.add_argument("--out", required=True)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()

    import boto3

    boto3.client = NoCredentialsS3
    from newsplease.crawler import commoncrawl_crawler, commoncrawl_extractor

    base = args.base if args.base.endswith("/") else args.base + "/"
    setattr(commoncrawl_crawler, "__cc_base_url", base)  # the module's own name for it
    commoncrawl_extractor.CommonCrawlExtractor._CommonCrawlExtractor__cc_base_url = base
    first = datetime.datetime.strptime(args.month, "%Y-%m")
    last = (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(seconds=1)
    OUT = args.out
    open(OUT, "w").close()
    with tempfile.TemporaryDirectory(prefix="newsplease-cc-") as download:
        commoncrawl_crawler.crawl_from_commoncrawl(
            write_article, callback_on_warc_completed=warc_done, valid_hosts=[],
            start_date=None, end_date=None, warc_files_start_date=first,
            warc_files_end_date=last, strict_date=True,
            reuse_previously_downloaded_files=False, local_download_dir_warc=download,
            continue_after_error=True, show_download_progress=False,
            number_of_extraction_processes=args.processes, log_level=logging.ERROR,
            delete_warc_after_extraction=True, continue_process=True, fetch_images=False)
    logging.shutdown()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    sys.exit(main())
