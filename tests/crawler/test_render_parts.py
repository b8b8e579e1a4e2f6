"""The parts of crawler/render/ that need no browser: modes, shells, guard, requests, browser."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.settings import Settings

from crawler.exceptions import ProfileError
from crawler.profiles import SiteProfile, load_profile
from crawler.render.browser import BrowserNotFound, find_chromium, launch_options
from crawler.render.guard import blocked_reason
from crawler.render.modes import RenderModeError, render_mode
from crawler.render.requests import RENDER_META, is_render_request, render_request
from crawler.render.shells import shell_reason


class _Spider:
    def __init__(self, site_name: str | None, render: str | None = None) -> None:
        self.site_name = site_name
        self.profile = SiteProfile(name=site_name or "host", render=render)


def _settings(value: str | None, priority: str = "project") -> Settings:
    settings = Settings()
    settings.set("NEWS_RENDER", value, priority=priority)
    return settings


def test_mode_defaults_profile_and_command_line() -> None:
    """auto with a profile, never without; the profile beats the settings module, -s beats both."""
    assert render_mode(_settings(None), _Spider("demo")) == "auto"
    assert render_mode(_settings(None), _Spider(None)) == "never"
    assert render_mode(_settings("always"), _Spider(None)) == "always"
    assert render_mode(_settings("always"), _Spider("demo", render="never")) == "never"
    assert render_mode(_settings("never", "cmdline"), _Spider("demo", render="always")) == "never"
    with pytest.raises(RenderModeError, match="NEWS_RENDER: render must be one of"):
        render_mode(_settings("sometimes", "cmdline"), _Spider("demo"))


def test_profile_render_fields(tmp_path: Path) -> None:
    """render and selectors.render_wait are read and checked."""
    (tmp_path / "ok.toml").write_text('start_urls = ["https://x.example/"]\nrender = "always"\n'
                                      '[selectors]\nrender_wait = "div.body p"\n', "utf-8")
    (tmp_path / "bad.toml").write_text('start_urls = ["https://x.example/"]\nrender = "yes"\n',
                                       "utf-8")
    profile = load_profile("ok", tmp_path)
    assert (profile.render, profile.render_wait) == ("always", "div.body p")
    with pytest.raises(ProfileError, match="render must be one of never, auto, always"):
        load_profile("bad", tmp_path)


def _record(words: int, *, title: str = "Kop", blocks: int = 0, tokens: int = 0,
            warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"title": title, "word_count": words,
            "cleaning": {"template_blocks_removed": blocks, "template_tokens_removed": tokens,
                         "warnings": list(warnings)}}


def test_shell_reasons() -> None:
    """No text but a title, or a body that is mostly placeholders; real articles are none."""
    assert shell_reason(_record(0, warnings=("no article text found",))) == "no_text"
    assert shell_reason(_record(0, title="", warnings=("no article text found",))) is None
    assert shell_reason(_record(20, blocks=2, tokens=3)) == "placeholders"
    assert shell_reason(_record(400, blocks=2, tokens=3)) is None  # an article with a widget
    assert shell_reason(_record(40, blocks=1)) is None
    assert shell_reason(_record(300)) is None


def test_guard_blocks_offsite_offscheme_and_heavy_types() -> None:
    """Only the site's hosts over http(s); images, media and fonts never."""
    hosts = ("news.example", "cdn.example")
    ok = blocked_reason("https://news.example/app.js", "script", hosts=hosts)
    assert ok is None
    assert blocked_reason("https://img.cdn.example/a.js", "script", hosts=hosts) is None
    assert blocked_reason("https://tracker.example/t.js", "script", hosts=hosts) == "offsite"
    assert blocked_reason("https://evilnews.example/t.js", "script", hosts=hosts) == "offsite"
    assert blocked_reason("ftp://news.example/x", "other", hosts=hosts) == "scheme"
    assert blocked_reason("https://news.example/p.jpg", "image", hosts=hosts) == "image"
    assert blocked_reason("https://news.example/f.woff2", "font", hosts=hosts) == "font"
    assert blocked_reason("https://news.example/v.mp4", "media", hosts=hosts) == "media"
    assert blocked_reason("data:image/png;base64,AAAA", "image", hosts=hosts) is None


def test_render_request_keeps_callback_hints_and_is_never_filtered() -> None:
    """The rendered fetch is the same request (callback, hints, redirect origin), marked, not
    filtered as a duplicate; the plain fetch's retry and latency meta stay behind."""
    def parse(response: Any) -> None:
        return None

    plain = scrapy.Request("https://news.example/a.html", callback=parse, priority=10,
                           meta={"news_hints": {"date": "2025-09-03"}, "retry_times": 1,
                                 "redirect_urls": ["https://news.example/old"],
                                 "download_latency": 0.1})
    again = render_request(plain, wait="div.body", reason="no_text")
    assert is_render_request(again) and not is_render_request(plain)
    assert again.meta[RENDER_META] == {"wait": "div.body", "reason": "no_text"}
    assert again.dont_filter and again.callback is parse and again.priority == 10
    assert again.meta["news_hints"] == {"date": "2025-09-03"}
    assert again.meta["redirect_urls"] == ["https://news.example/old"]
    assert "retry_times" not in again.meta and "download_latency" not in again.meta


def test_find_chromium_setting_env_and_clear_errors(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """NEWS_RENDER_CHROMIUM, then $NEWSCLEAN_CHROMIUM, then PATH; what is missing is named."""
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n", "utf-8")
    browser.chmod(0o755)
    settings = Settings({"NEWS_RENDER_CHROMIUM": str(browser)})
    assert find_chromium(settings) == str(browser)
    monkeypatch.setenv("NEWSCLEAN_CHROMIUM", str(browser))
    assert find_chromium(Settings()) == str(browser)
    monkeypatch.setenv("NEWSCLEAN_CHROMIUM", str(tmp_path / "absent"))
    with pytest.raises(BrowserNotFound, match="absent.*not an executable"):
        find_chromium(Settings())
    monkeypatch.delenv("NEWSCLEAN_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(BrowserNotFound, match="no Chromium found.*NEWSCLEAN_CHROMIUM"):
        find_chromium(Settings())
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{tmp_path / 'empty'}")
    assert find_chromium(Settings()) == str(browser)
    assert launch_options(str(browser))["executable_path"] == str(browser)


def test_always_marks_article_requests_only() -> None:
    """render = always: article requests are marked for the browser; robots.txt, sitemaps,
    feeds and listings stay plain; auto marks nothing before the cleaner has seen a page."""
    from scrapy.utils.test import get_crawler

    from crawler.render.middleware import RenderAlwaysMiddleware
    from crawler.spiders.news import NewsSpider

    for mode, expected in (("always", True), ("auto", False)):
        crawler = get_crawler(NewsSpider, {"NEWS_RENDER": mode})
        crawler.spider = crawler._create_spider(url="https://news.example/")
        middleware = RenderAlwaysMiddleware.from_crawler(crawler)
        article = crawler.spider._article("https://news.example/2025/09/03/a.html")
        listing = scrapy.Request("https://news.example/section/")
        robots = scrapy.Request("https://news.example/robots.txt")
        for request in (article, listing, robots):
            middleware.process_request(request)
        assert is_render_request(article) is expected, mode
        assert not is_render_request(listing) and not is_render_request(robots)


def test_bad_render_setting_fails_before_the_crawl() -> None:
    """-s NEWS_RENDER=sometimes: the pipeline refuses it when built, naming value and modes."""
    from scrapy.utils.test import get_crawler

    from crawler.render.pipeline import RenderShellsPipeline
    from crawler.spiders.news import NewsSpider

    crawler = get_crawler(NewsSpider, {"NEWS_RENDER": "sometimes"})
    with pytest.raises(RenderModeError, match="not 'sometimes'"):
        RenderShellsPipeline.from_crawler(crawler)
