"""Which CC-NEWS responses to keep: HTML 200 of the wanted hosts (site profiles or a host
pattern), and after cleaning, of the wanted languages; and which site a page belongs to.

Site profiles are read from ``sites/*.toml`` as the crawler reads them (``name``,
``allowed_domains`` or the hosts of ``start_urls``/``sitemaps``/``feeds``, ``language`` and
``[selectors]`` as cleaner hints). A page of a profile's domain (or a subdomain) gets that
profile's name as ``site``; any other page its host.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cleaners.ccnews.errors import UsageError
from cleaners.warc.clean_pages import PageFilter

LANGUAGE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Site:
    """One site profile, as far as CC-NEWS needs it."""

    name: str
    domains: tuple[str, ...]
    hints: dict[str, Any] = field(default_factory=dict)

    def owns(self, host: str) -> bool:
        """Whether ``host`` is one of the site's domains or under one."""
        return any(host == d or host.endswith("." + d) for d in self.domains)


def read_site(path: Path) -> Site:
    """The ``Site`` of one profile file; ``UsageError`` naming the file when it is broken."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: not a readable site profile ({exc})") from exc
    name = data.get("name") or path.stem
    domains = data.get("allowed_domains") or [
        h for key in ("start_urls", "sitemaps", "feeds") for u in data.get(key, [])
        if isinstance(u, str) and (h := urlsplit(u).hostname)]
    selectors = data.get("selectors") or {}
    hints: dict[str, Any] = {}
    if isinstance(selectors.get("body"), str):
        hints["body_selector"] = selectors["body"]
    if selectors.get("drop"):
        hints["drop_selectors"] = tuple(selectors["drop"])
    if isinstance(data.get("language"), str):
        hints["language"] = data["language"]
    return Site(str(name), tuple(dict.fromkeys(d.lower().lstrip(".") for d in domains)), hints)


def read_sites(sites_dir: Path) -> list[Site]:
    """Every profile under ``sites_dir`` (none when the folder is missing)."""
    return [read_site(p) for p in sorted(sites_dir.glob("*.toml"))] if sites_dir.is_dir() else []


@dataclass(frozen=True)
class HostSelection(PageFilter):
    """HTTP 200 HTML of the wanted hosts: ``sites`` (profiles) and/or a ``hosts`` pattern;
    neither: every host. ``known`` names the sites of pages (all profiles)."""

    sites: tuple[Site, ...] = ()
    hosts: re.Pattern[str] | None = None
    known: tuple[Site, ...] = ()
    languages: frozenset[str] = frozenset()

    def accepts_head(self, url: str, status: int | None, content_type: str) -> bool:
        """An HTML 200 response of a wanted host (the body is not read otherwise)."""
        if not super().accepts_head(url, status, content_type):
            return False
        host = (urlsplit(url).hostname or "").lower()
        if not host:
            return False
        if not self.sites and self.hosts is None:
            return True
        return (any(s.owns(host) for s in self.sites)
                or (self.hosts is not None and bool(self.hosts.search(host))))

    def site_of(self, url: str) -> Site:
        """The profile owning the page's host, else a site named after the host."""
        host = (urlsplit(url).hostname or "").lower()
        for site in (*self.sites, *self.known):
            if site.owns(host):
                return site
        return Site(host, (host,))

    def keeps_language(self, record: dict[str, Any]) -> bool:
        """Whether a cleaned record is in one of the wanted languages (all when none named)."""
        return not self.languages or record.get("language") in self.languages


def build_selection(*, sites: str | None, hosts: str | None, languages: str | None,
                    sites_dir: Path) -> HostSelection:
    """The selection of the command line; ``UsageError`` naming a bad profile, pattern or
    language code."""
    known = read_sites(sites_dir)
    chosen: list[Site] = []
    for name in filter(None, (n.strip() for n in (sites or "").split(","))):
        site = next((s for s in known if s.name == name), None)
        if site is None:
            raise UsageError(f"--sites: no profile {name!r} in {sites_dir} "
                             f"(known: {', '.join(s.name for s in known) or 'none'})")
        if not site.domains:
            raise UsageError(f"--sites: profile {name!r} names no host (give allowed_domains "
                             "or absolute start_urls)")
        chosen.append(site)
    pattern = None
    if hosts:
        try:
            pattern = re.compile(hosts, re.IGNORECASE)
        except re.error as exc:
            raise UsageError(f"--hosts {hosts!r} is not a regular expression ({exc})") from None
    langs = frozenset(x.strip().lower() for x in (languages or "").split(",") if x.strip())
    bad = sorted(x for x in langs if not LANGUAGE.match(x))
    if bad:
        raise UsageError(f"--languages: {', '.join(bad)} not ISO 639-1 codes (e.g. nl,de)")
    return HostSelection(sites=tuple(chosen), hosts=pattern, known=tuple(known), languages=langs)
