"""A CC-NEWS look-alike for tests: WARC files written with warcio in Common Crawl's layout
(``crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz`` + ``CC-NEWS-<14 digits>-<5 digits>.warc.gz``),
served by ``bench.rangeserver.CcnewsServer`` (``Range``, broken connections)."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.rangeserver import CcnewsServer

__all__ = ["Article", "CcnewsServer", "warc_rel", "write_listing", "write_warc"]

_NL_TEXT = ("de regering kondigde vandaag nieuwe maatregelen aan voor het onderwijs en de "
            "zorg in alle provincies van het land terwijl de oppositie kritiek uitte")
_DE_TEXT = ("die regierung hat heute neue regeln für schulen und krankenhäuser in allen "
            "ländern angekündigt während die opposition scharfe kritik übte")
_WORDS, _DE = tuple(_NL_TEXT.split()), tuple(_DE_TEXT.split())


@dataclass(frozen=True)
class Article:
    """One news page to put in a WARC."""

    host: str
    slug: str
    day: str  # YYYY-MM-DD, the publication date
    language: str = "nl"
    version: int = 1  # a different text per version (an edited article)

    @property
    def url(self) -> str:
        return f"https://{self.host}/nieuws/{self.day}/{self.slug}.html"

    @property
    def title(self) -> str:
        return f"Bericht {self.slug} over {self.host}"

    def html(self) -> str:
        words = _DE if self.language == "de" else _WORDS
        paras = []
        for i in range(4):
            shift = (sum(map(ord, self.slug)) + i + self.version * 7) % len(words)
            text = " ".join(words[shift:] + words[:shift]).capitalize()
            paras.append(f"<p>{text}. {self.slug} {i} v{self.version}. {text}.</p>")
        return (f'<!doctype html><html lang="{self.language}"><head><meta charset="utf-8">'
                f"<title>{self.title}</title>"
                f'<meta property="article:published_time" content="{self.day}T08:00:00+00:00">'
                f'<link rel="canonical" href="{self.url}"></head><body><nav>Home</nav>'
                f"<article><h1>{self.title}</h1>{''.join(paras)}</article>"
                "<footer>Colofon</footer></body></html>")


def warc_rel(stamp: str, serial: int) -> str:
    """``crawl-data/CC-NEWS/YYYY/MM/CC-NEWS-<stamp>-<serial>.warc.gz``."""
    return f"crawl-data/CC-NEWS/{stamp[:4]}/{stamp[4:6]}/CC-NEWS-{stamp}-{serial:05d}.warc.gz"


def write_warc(path: Path, articles: list[Article], *, extras: bool = True,
               padding: int = 0) -> list[int]:
    """A CC-NEWS-like WARC: warcinfo, then a response per article (plus, with ``extras``, a
    404 page, an image and a redirect); returns the offsets of the article responses.
    ``padding`` adds that many bytes of random-looking text per page (bigger, slower files)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    offsets = []
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                                ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                length=len(body), http_headers=headers))

        for n, art in enumerate(articles):
            body = art.html().encode()
            if padding:
                filler = " ".join(f"{art.slug}{n}x{i}" for i in range(padding // 12))
                body = body.replace(b"<footer>", f"<aside>{filler}</aside><footer>".encode())
            offsets.append(fh.tell())
            response(art.url, "200 OK", "text/html; charset=utf-8", body)
            if extras and n % 3 == 0:
                response(f"https://{art.host}/missing-{n}", "404 Not Found", "text/html",
                         b"<html><body>Not found</body></html>")
                response(f"https://{art.host}/logo-{n}.png", "200 OK", "image/png",
                         b"\x89PNG\r\n\x1a\n" + bytes(64))
    return offsets


def write_listing(base: Path, year: int, month: int, rels: list[str]) -> Path:
    """``crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz`` naming ``rels``."""
    path = base / f"crawl-data/CC-NEWS/{year:04d}/{month:02d}/warc.paths.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(("\n".join(rels) + "\n").encode()))
    return path
