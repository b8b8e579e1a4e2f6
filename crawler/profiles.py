"""Site profiles: ``sites/NAME.toml`` describes where a site's news is and how to crawl it politely.

    name = "demo"                      # optional, defaults to the file name
    start_urls = ["https://example.org/"]      # listing pages (relative URLs need -a url=BASE)
    sitemaps = ["/news-sitemap.xml"]   # besides the Sitemap: lines of robots.txt
    feeds = ["/rss.xml"]
    allowed_domains = ["example.org"]  # default: hosts of the start URLs
    article_patterns = ['/\\d{4}/\\d{2}/\\d{2}/']  # regexes searched in the URL path
    listing_patterns = []              # regexes for listing pages to follow (default: any page)
    deny_patterns = []
    language = "nl"
    listing_depth = 2
    listing_max_pages = 50             # pages of one paginated listing followed ("next page")
    render = "auto"                    # never | auto | always: fetch through a browser (auto:
                                       # only pages the cleaner finds script-rendered shells)
    [selectors]
    body = "div.article-body"          # CSS, passed to the cleaner as hints
    render_wait = "div.article-body p" # CSS the browser waits for (else network idle, capped)
    drop = [".share-bar", ".read-also"]
    [politeness]
    download_delay = 1.0               # seconds
    concurrency = 2                    # requests at once per domain
    [monitoring]                       # run-health thresholds over NEWS_MONITOR_* (cleaners.health)
    min_articles = 5                   # articles found per run, at least
    max_undated = 0.1                  # share of records without a date, at most
    max_no_sections = 0.9              # share of records without a sub-heading, at most
    max_drop = 0.5                     # drop against the median of the last history_runs runs
    history_runs = 5                   # (judged once min_history = 3 earlier runs exist)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from cleaners.health import HealthError, Thresholds
from crawler.discovery.urlrules import ALLOWED_SCHEMES
from crawler.exceptions import ProfileError
from crawler.render.modes import RENDER_MODES
from crawler.warc.modes import WARC_MODES

REPO_ROOT = Path(__file__).resolve().parent.parent
_LIST_FIELDS = ("start_urls", "sitemaps", "feeds", "allowed_domains", "article_patterns",
                "listing_patterns", "deny_patterns")


@dataclass(frozen=True)
class Politeness:
    """Per-site politeness; None keeps the project setting."""

    download_delay: float | None = None
    concurrency: int | None = None


@dataclass(frozen=True)
class SiteProfile:
    """Everything the news spider needs to know about one site."""

    name: str
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    listing_patterns: tuple[str, ...] = ()
    deny_patterns: tuple[str, ...] = ()
    body_selector: str | None = None
    drop_selectors: tuple[str, ...] = ()
    language: str | None = None
    listing_depth: int | None = None
    listing_max_pages: int | None = None
    warc: str | None = None  # NEWS_WARC for this site: articles | all | off (None = the setting)
    render: str | None = None  # never | auto | always; None = the NEWS_RENDER rule
    render_wait: str | None = None  # CSS selector of the article the browser waits for
    politeness: Politeness = field(default_factory=Politeness)
    monitoring: tuple[tuple[str, Any], ...] = ()  # [monitoring] thresholds, checked on load

    def with_base(self, base_url: str | None) -> SiteProfile:
        """Resolve relative URLs against ``base_url``; add it as start URL when none is given."""
        if not base_url:
            return self
        resolve = lambda urls: tuple(urljoin(base_url, u) for u in urls)  # noqa: E731
        starts = resolve(self.start_urls) or (base_url,)
        return replace(self, start_urls=starts, sitemaps=resolve(self.sitemaps),
                       feeds=resolve(self.feeds))

    def domains(self) -> tuple[str, ...]:
        """Allowed domains: explicit, else the hosts of start URLs, sitemaps and feeds."""
        if self.allowed_domains:
            return self.allowed_domains
        urls = (*self.start_urls, *self.sitemaps, *self.feeds)
        return tuple(dict.fromkeys(h for u in urls if (h := urlsplit(u).hostname)))

    def hints(self) -> dict[str, Any]:
        """Cleaner hints every page of this site gets (selectors, language)."""
        hints: dict[str, Any] = {}
        if self.body_selector:
            hints["body_selector"] = self.body_selector
        if self.drop_selectors:
            hints["drop_selectors"] = self.drop_selectors
        if self.language:
            hints["language"] = self.language
        return hints


def profile_for_url(url: str) -> SiteProfile:
    """A profile for a site without a TOML file: named after its host, starting at ``url``."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise ProfileError("start URL must be an absolute http(s) URL", url)
    return SiteProfile(name=parts.hostname, start_urls=(url,), allowed_domains=(parts.hostname,))


def find_profile(name: str, sites_dir: str | Path) -> Path:
    """The TOML file of profile ``name``: under ``sites_dir``, then under the repo root."""
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ProfileError("profile names are letters, digits, - and _", name)
    base = Path(sites_dir)
    candidates = [base / f"{name}.toml"]
    if not base.is_absolute():
        candidates.append(REPO_ROOT / base / f"{name}.toml")
    for path in candidates:
        if path.is_file():
            return path
    raise ProfileError(f"no profile file (looked in {', '.join(map(str, candidates))})", name)


def _strings(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{key} must be a list of strings", source)
    return tuple(value)


def parse_profile(data: dict[str, Any], *, name: str, source: str) -> SiteProfile:
    """Build a profile from parsed TOML, checking field types."""
    known = {*_LIST_FIELDS, "name", "language", "listing_depth", "listing_max_pages",
             "render", "selectors", "politeness", "warc", "monitoring"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(f"unknown field(s): {', '.join(unknown)}", source)
    selectors = data.get("selectors", {})
    polite = data.get("politeness", {})
    if not isinstance(selectors, dict) or not isinstance(polite, dict):
        raise ProfileError("[selectors] and [politeness] must be tables", source)
    depth = data.get("listing_depth")
    if depth is not None and (not isinstance(depth, int) or depth < 0):
        raise ProfileError("listing_depth must be a non-negative integer", source)
    max_pages = data.get("listing_max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise ProfileError("listing_max_pages must be a positive integer", source)
    warc = data.get("warc")
    if warc is not None and warc not in WARC_MODES:
        raise ProfileError(f"warc must be one of {', '.join(WARC_MODES)}, not {warc!r}", source)
    render = data.get("render")
    if render is not None and render not in RENDER_MODES:
        raise ProfileError(f"render must be one of {', '.join(RENDER_MODES)}, not {render!r}",
                           source)
    wait = selectors.get("render_wait")
    if wait is not None and (not isinstance(wait, str) or not wait.strip()):
        raise ProfileError("selectors.render_wait must be a CSS selector string", source)
    lists = {key: _strings(data, key, source) for key in _LIST_FIELDS}
    monitoring = _monitoring(data.get("monitoring", {}), source)
    return SiteProfile(
        name=str(data.get("name") or name), **lists,
        body_selector=selectors.get("body"), drop_selectors=_strings(selectors, "drop", source),
        language=data.get("language"), listing_depth=depth, listing_max_pages=max_pages,
        warc=warc, render=render, render_wait=wait,
        politeness=Politeness(polite.get("download_delay"), polite.get("concurrency")),
        monitoring=monitoring,
    )


def _monitoring(table: Any, source: str) -> tuple[tuple[str, Any], ...]:
    """The ``[monitoring]`` table, each threshold checked (``cleaners.health.Thresholds``)."""
    if not isinstance(table, dict):
        raise ProfileError("[monitoring] must be a table", source)
    try:
        Thresholds().updated(table, source="[monitoring]")
    except HealthError as exc:
        raise ProfileError(str(exc), source) from exc
    return tuple(sorted(table.items()))


def load_profile(name: str, sites_dir: str | Path = "sites") -> SiteProfile:
    """Read and check ``<sites_dir>/<name>.toml``."""
    path = find_profile(name, sites_dir)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"cannot read profile ({exc})", str(path)) from exc
    return parse_profile(data, name=name, source=str(path))
