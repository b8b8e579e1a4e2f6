"""Write the static demo news site into ``crawler/demo_site/www/``.

Run: ``python -m crawler.demo_site.generate``.

The output is committed; this script documents how it was made and regenerates it byte for byte.
``--copies N --out DIR`` writes an N times larger variant (same markup, more articles) for
throughput measurements; it is never committed.
All links, sitemap ``<loc>`` and feed links are root-relative (``/world/...``) because the demo
serves the site on a random port; the crawler resolves them against the document URL.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from crawler.demo_site import content as C
from crawler.demo_site import pages

HERE = Path(__file__).resolve().parent
WWW = HERE / "www"
SEED_TEXT = HERE / "seed-article.txt"
SITE_TITLE = "Demo Nieuws"


@dataclass(frozen=True)
class Article:
    """One generated article: where it lives and how it is marked up."""

    index: int
    section: str
    lang: str
    title: str
    topic: str
    day: str
    time: str
    date_markup: str  # jsonld | meta | time | text | none
    heading_markup: str  # h2 | h3 | bold
    widget: tuple[str, str]
    copy: int = 0  # > 0 only in the enlarged benchmark variant

    @property
    def path(self) -> str:
        """Root-relative URL of the article."""
        y, m, d = self.day.split("-")
        suffix = f"-{self.copy}" if self.copy else ""
        return f"/{self.section}/{y}/{m}/{d}/{slugify(self.title)}{suffix}.html"

    @property
    def iso(self) -> str:
        """Publication timestamp with the Amsterdam summer offset."""
        return f"{self.day}T{self.time}:00+02:00"


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build_articles(copies: int = 1) -> list[Article]:
    """The generated articles (``copies`` times) plus the seed article, oldest first."""
    date_kinds = ("jsonld", "meta", "time", "text")
    heading_kinds = ("h2", "h3", "bold")
    out: list[Article] = []
    undated_left = 2  # two English articles dated only by the news sitemap
    for copy in range(copies):
        for i, (section, lang, title, topic) in enumerate(C.HEADLINES):
            day = C.DAYS[i % len(C.DAYS)]
            kind = date_kinds[(i + i // len(C.DAYS)) % len(date_kinds)]  # every kind on every day
            if lang == "en" and day == C.DAYS[-1] and undated_left:
                kind, undated_left = "none", undated_left - 1
            n = i + copy * len(C.HEADLINES)
            out.append(Article(n, section, lang, title, topic, day,
                               f"{7 + i % 12:02d}:{(i * 7) % 60:02d}", kind, heading_kinds[i % 3],
                               C.WIDGETS[i % len(C.WIDGETS)], copy))
    out.append(Article(len(out), "buitenland", "nl", C.SEED_TITLE, "", C.SEED_DATE, "14:20",
                       "jsonld", "h2", ("seed", "")))
    return sorted(out, key=lambda a: (a.day, a.time, a.index))


def body_for(article: Article) -> list[tuple[str | None, list[str]]]:
    """Sections (heading, paragraphs) of a generated article, deterministic per index."""
    rng = random.Random(article.index)
    bank = C.SENTENCES[article.lang]

    def paragraph(n: int) -> str:
        return " ".join(s.format(topic=article.topic) for s in rng.sample(bank, n))

    headings = rng.sample(C.SUBHEADINGS[article.lang], 2 + article.index % 2)
    lead = f"{article.title}. " + paragraph(2)
    second = paragraph(3)
    if article.index % 4 == 1:  # an inline template token inside a real sentence
        before, token, after = C.INLINE_TOKENS[article.lang]
        second = f"{second} {before} {token}{after}"
    return [(None, [lead, second])] + [(h, [paragraph(3), paragraph(2)]) for h in headings]


def seed_body() -> list[tuple[str | None, list[str]]]:
    """The seed article's sections, read from the seed text (widget paragraph kept for markup)."""
    text = SEED_TEXT.read_text("utf-8").strip()
    text = re.sub(r"^date \d{4}-\d{2}-\d{2}\s+", "", text)
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for block in blocks:
        if len(block) < 60 and not block.endswith("."):
            sections.append((block, []))
        else:
            sections[-1][1].append(block)
    return sections


def _write_file(path: str, text: str, root: Path = WWW) -> None:
    """Write one file under the site root (root-relative path)."""
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> None:
    """Regenerate every file of the demo site (or of an enlarged copy elsewhere)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=1, help="repeat every article N times")
    parser.add_argument("--out", type=Path, default=WWW, help="site root to (re)write")
    args = parser.parse_args(argv)
    root: Path = args.out
    if root.exists():
        shutil.rmtree(root)
    articles = build_articles(args.copies)
    write = partial(_write_file, root=root)
    for article in articles:
        sections = seed_body() if article.widget[0] == "seed" else body_for(article)
        write(article.path, pages.article_page(article, sections, articles))
    write("/index.html", pages.front_page(articles))
    sections_seen = sorted({a.section for a in articles})
    for section in sections_seen:
        in_section = [a for a in articles if a.section == section][::-1]
        for number, html in pages.section_pages(section, in_section):
            name = "index.html" if number == 1 else f"page-{number}.html"
            write(f"/{section}/{name}", html)
    write("/robots.txt", "User-agent: *\nDisallow: /private/\n\nSitemap: /sitemap_index.xml\n")
    old = [a for a in articles if a.day in C.DAYS[:2]]
    new = [a for a in articles if a.day in C.DAYS[2:]]
    write("/sitemap_index.xml", pages.sitemap_index(("/sitemaps/articles-2025-09.xml",
                                                     "/sitemaps/news.xml")))
    write("/sitemaps/articles-2025-09.xml", pages.urlset(old))
    write("/sitemaps/news.xml", pages.news_urlset(new))
    nl = [a for a in articles if a.lang == "nl"][::-1][:10]
    en = [a for a in articles if a.lang == "en"][::-1][:10]
    write("/feeds/rss.xml", pages.rss(nl))
    write("/feeds/atom.xml", pages.atom(en))
    write("/over-ons.html", pages.plain_page("Over ons", "Demo Nieuws is een voorbeeldsite voor "
                                             "newsclean. Alle artikelen zijn verzonnen."))
    write("/private/2025/09/04/embargo-artikel.html",
          pages.plain_page("Embargo", "Dit artikel staat onder embargo en mag niet gecrawld "
                           "worden."))
    print(f"wrote {len(articles)} articles to {root}")


if __name__ == "__main__":
    main()

