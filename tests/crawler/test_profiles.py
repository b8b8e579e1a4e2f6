"""Site profiles (sites/NAME.toml) and how the news spider applies them."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.exceptions import ProfileError
from crawler.profiles import load_profile, profile_for_url
from crawler.spiders.news import NewsSpider


def test_demo_profile_loads_from_repo_sites_dir() -> None:
    """The bundled demo profile: relative start URL, article pattern, drop selectors, politeness."""
    profile = load_profile("demo")
    assert profile.name == "demo" and profile.start_urls == ("/",)
    assert ".share-bar" in profile.drop_selectors
    assert profile.politeness.download_delay == 1.0
    based = profile.with_base("http://127.0.0.1:8000/")
    assert based.start_urls == ("http://127.0.0.1:8000/",)
    assert based.domains() == ("127.0.0.1",)
    assert based.hints() == {"drop_selectors": profile.drop_selectors}


def test_profile_errors_name_the_problem(tmp_path: Path) -> None:
    """Unknown fields, wrong types, bad names and missing files are ProfileErrors."""
    (tmp_path / "bad.toml").write_text('start_urls = "https://x.example/"\n', "utf-8")
    (tmp_path / "typo.toml").write_text('start_url = ["https://x.example/"]\n', "utf-8")
    with pytest.raises(ProfileError, match="start_urls must be a list"):
        load_profile("bad", tmp_path)
    with pytest.raises(ProfileError, match="unknown field"):
        load_profile("typo", tmp_path)
    with pytest.raises(ProfileError, match="no profile file"):
        load_profile("absent", tmp_path)
    with pytest.raises(ProfileError, match="letters, digits"):
        load_profile("../etc/passwd", tmp_path)
    with pytest.raises(ProfileError, match="absolute http"):
        profile_for_url("file:///etc/passwd")


def test_spider_from_profile_file(tmp_path: Path) -> None:
    """-a site=NAME reads NEWS_SITES_DIR; selectors become cleaner hints; domains come from URLs."""
    (tmp_path / "gazette.toml").write_text(
        'start_urls = ["https://gazette.example/news/"]\n'
        'feeds = ["https://gazette.example/rss"]\n'
        "article_patterns = ['/news/\\d+']\nlanguage = \"en\"\nlisting_depth = 1\n"
        '[selectors]\nbody = "main article"\ndrop = [".promo"]\n', "utf-8")
    crawler = get_crawler(NewsSpider, {"NEWS_SITES_DIR": str(tmp_path)})
    spider = NewsSpider.from_crawler(crawler, site="gazette")
    assert spider.allowed_domains == ["gazette.example"]
    assert spider.listing_depth == 1
    assert spider.rules.is_article("https://gazette.example/news/42")
    assert spider.profile.hints() == {"body_selector": "main article",
                                      "drop_selectors": (".promo",), "language": "en"}


def test_relative_profile_urls_need_a_base() -> None:
    """The demo profile's relative start URL without -a url is a clear error."""
    crawler = get_crawler(NewsSpider)
    with pytest.raises(ProfileError, match="relative URLs need -a url=BASE"):
        NewsSpider.from_crawler(crawler, site="demo")


def test_spider_needs_site_or_url() -> None:
    """Neither -a site nor -a url is an error that says what to give."""
    with pytest.raises(ProfileError, match="-a site=NAME or -a url"):
        NewsSpider()
