"""Clean and writer pipelines built from a crawler, fed items directly (no network)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from crawler.pipelines.clean import CleanPipeline, pool_size
from crawler.pipelines.writer import DatedJsonlWriterPipeline
from crawler.spiders.news import NewsSpider

SEED_PAGE = (Path(__file__).resolve().parents[2] / "crawler" / "demo_site" / "www" / "buitenland"
             / "2025" / "09" / "03"
             / "xi-poetin-en-kim-jong-un-voor-het-eerst-samen-in-peking.html")


def _crawler(tmp_path: Path, **settings: Any) -> Any:
    crawler = get_crawler(NewsSpider, {"OUTPUT_DIR": str(tmp_path), **settings})
    crawler.spider = NewsSpider.from_crawler(crawler, url="http://127.0.0.1:1/")
    crawler.stats.open_spider()
    return crawler


def _page(html: bytes | str) -> FetchedPage:
    return FetchedPage(url="http://127.0.0.1:1/buitenland/2025/09/03/x.html", html=html,
                       site="demo", spider="news")


@pytest.mark.parametrize("workers", [0, 1])
def test_clean_pipeline_inline_and_in_pool(tmp_path: Path, workers: int) -> None:
    """The seed page becomes a record with its date and headings, inline and in a worker."""
    crawler = _crawler(tmp_path, NEWS_CLEAN_POOL=workers)
    pipe = build_from_crawler(CleanPipeline, crawler)
    pipe.open_spider()
    try:
        record = asyncio.run(pipe.process_item(_page(SEED_PAGE.read_bytes())))
    finally:
        pipe.close_spider()
    assert record["date"] == "2025-09-03"
    assert [s["heading"] for s in record["sections"]][1:] == [
        "Gesprekken over Oekraïne", "Bijeenkomst van geïsoleerde leiders", "Reactie Trump"]
    assert crawler.stats.get_value("news/template_blocks_removed") >= 1


def test_clean_pipeline_drops_bad_pages_with_reason(tmp_path: Path) -> None:
    """An empty page is DropItem with a reason and a ``news/failures/bad_input/*`` stat."""
    crawler = _crawler(tmp_path, NEWS_CLEAN_POOL=0)
    pipe = build_from_crawler(CleanPipeline, crawler)
    pipe.open_spider()
    with pytest.raises(DropItem, match="bad page"):
        asyncio.run(pipe.process_item(_page(b"")))
    assert any(k.startswith("news/failures/bad_input/") for k in crawler.stats.get_stats())
    assert asyncio.run(pipe.process_item({"not": "a page"})) == {"not": "a page"}


def test_stuck_cleaning_times_out_and_the_pool_is_replaced(tmp_path: Path) -> None:
    """NEWS_CLEAN_TIMEOUT: the page is dropped (clean_timeout), a fresh pool cleans the next one."""
    crawler = _crawler(tmp_path, NEWS_CLEAN_POOL=1, NEWS_CLEAN_TIMEOUT=0.001)
    pipe = build_from_crawler(CleanPipeline, crawler)
    pipe.open_spider()
    first_pool = pipe._executor

    async def both() -> dict[str, Any]:
        with pytest.raises(DropItem, match="timed out"):
            await pipe.process_item(_page(SEED_PAGE.read_bytes()))
        pipe._timeout = 60  # the replacement pool gets time to start
        return await pipe.process_item(_page(SEED_PAGE.read_bytes()))
    try:
        record = asyncio.run(both())
        second_pool = pipe._executor
    finally:
        pipe.close_spider()
    assert first_pool is not None and second_pool is not None and second_pool is not first_pool
    assert record["date"] == "2025-09-03"
    assert crawler.stats.get_value("news/failures/clean_timeout") == 1


def test_cleaning_can_be_switched_off(tmp_path: Path) -> None:
    """NEWS_CLEAN_ENABLED=False disables the pipeline (used for throughput comparisons)."""
    with pytest.raises(NotConfigured):
        build_from_crawler(CleanPipeline, _crawler(tmp_path, NEWS_CLEAN_ENABLED=False))
    assert pool_size(None) >= 1 and pool_size("0") == 0 and pool_size(3) == 3


def test_writer_pipeline_writes_valid_records_and_drops_invalid(tmp_path: Path) -> None:
    """A valid record lands in <root>/<site>/<date>.jsonl; an invalid one is dropped and counted."""
    crawler = _crawler(tmp_path, NEWS_CLEAN_POOL=0)
    clean = build_from_crawler(CleanPipeline, crawler)
    clean.open_spider()
    record = asyncio.run(clean.process_item(_page(SEED_PAGE.read_bytes())))
    writer = build_from_crawler(DatedJsonlWriterPipeline, crawler)
    writer.open_spider()
    asyncio.run(writer.process_item(record))
    with pytest.raises(DropItem, match="invalid record"):
        asyncio.run(writer.process_item({**record, "date": "3 september"}))
    writer.spider_closed(crawler.spider, "finished")
    lines = (tmp_path / "demo" / "2025-09-03.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x)["content_hash"] for x in lines] == [record["content_hash"]]
    assert crawler.stats.get_value("news/articles_written") == 1
    assert crawler.stats.get_value("news/failures/invalid_record") == 1
    manifest = json.loads(next((tmp_path / "_runs").glob("*.json")).read_text("utf-8"))
    assert manifest["status"] == "finished"
