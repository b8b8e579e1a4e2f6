"""A loopback news site whose article bodies are built by scripts, and its pre-rendered twin.

``render_site(kinds)`` gives the routes of one site: an index linking to every article and,
per article, a page of the given kind:

* ``plain``: the body is in the HTML, as most news sites send it;
* ``fetch``: an empty ``<div id="body">``; ``/static/app.js`` fetches ``/api/<slug>.json`` after
  load and puts its HTML into the div;
* ``inline``: the body's HTML sits in a ``<script type="application/json">`` and a timer copies
  it into the page;
* ``placeholders``: the server sends framework placeholders (``{{ article.paragraphs[0] }}``)
  that the script replaces, as a client-side framework would;
* ``late``: like ``inline``, but the timer fires after 4 s with the network long idle (only
  a ``render_wait`` selector waits for it);
* ``hang``: a shell whose script never ends (the browser's page must time out).

``prerendered=True`` serves every article with its body in the HTML (what the browser ends
up with), for comparing records. Articles whose number is odd also carry a newsletter
widget (inserted by the script on script-built pages). Shell pages also ask for an image, a
font and an off-site script (``offsite``), and ``app.js`` a URL robots.txt forbids, none of
which the browser may load.
"""

from __future__ import annotations

import html
import json
from typing import Final

KINDS: Final = ("plain", "fetch", "inline", "placeholders", "late", "hang")
SHELL_KINDS: Final = ("fetch", "inline", "placeholders", "late")

_TEXT: Final = ("de minister sprak dinsdag in Den Haag over de plannen voor het nieuwe "
                "klimaatfonds dat volgend jaar van start moet gaan en waarover de Tweede "
                "Kamer nog stemt")
_WORDS: Final = tuple(_TEXT.split())
WIDGET: Final = (
    '<div class="signup-box"><h3>Blijf op de hoogte</h3>'
    "<p>Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het nieuws.</p>"
    '<form action="/subscribe"><input type="email" name="email" placeholder="E-mailadres">'
    "<button>Aanmelden</button></form>"
    '<p class="form-error">Vul een geldig emailadres in.</p></div>')
APP_JS: Final = """
document.addEventListener('DOMContentLoaded', function () {
  fetch('/private/beacon.json').catch(function () {});
  var body = document.getElementById('body');
  fetch(body.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    body.innerHTML = data.html;
  });
});
"""
INLINE_JS: Final = """
setTimeout(function () {
  var data = JSON.parse(document.getElementById('article-data').textContent);
  document.getElementById('body').innerHTML = data.html;
}, DELAY);
"""
LATE_MS: Final = 4000


def slug(n: int) -> str:
    """The path of article ``n``."""
    return f"/2025/09/{1 + n % 28:02d}/artikel-{n}.html"


def _sentence(n: int, i: int) -> str:
    words = [_WORDS[(n * 7 + i * 3 + k) % len(_WORDS)] for k in range(14 + (n + i) % 6)]
    return " ".join(words).capitalize() + "."


def body_html(n: int) -> str:
    """The article body as the server (or, on a shell, the script) renders it."""
    paragraphs = [" ".join(_sentence(n, i * 4 + k) for k in range(3)) for i in range(6)]
    parts = [f"<p>{paragraphs[0]}</p>", f"<p>{paragraphs[1]}</p>"]
    if n % 2:
        parts.append(WIDGET)
    parts += [f"<h2>Reactie van de oppositie {n}</h2>", f"<p>{paragraphs[2]}</p>",
              f"<p>{paragraphs[3]}</p>", f"<h2>Hoe het verder gaat {n}</h2>",
              f"<p>{paragraphs[4]}</p>", f"<p>{paragraphs[5]}</p>"]
    return "".join(parts)


def title(n: int) -> str:
    """The headline of article ``n``."""
    return f"Kabinet presenteert klimaatfonds, deel {n}"


def _page(n: int, body: str, scripts: str = "", extra_head: str = "") -> str:
    day = 1 + n % 28
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{html.escape(title(n))} | De Testkrant</title>
<meta property="article:published_time" content="2025-09-{day:02d}T08:30:00+02:00">
{extra_head}</head>
<body><header class="site-header"><a href="/">De Testkrant</a></header>
<main><article><h1>{html.escape(title(n))}</h1>
{body}
</article></main>
<footer class="site-footer"><p>De Testkrant, alle rechten voorbehouden.</p></footer>
{scripts}</body></html>"""


def _assets(offsite: str | None) -> tuple[str, str]:
    """Head and script tags every shell page carries: a font, an image, an off-site script."""
    head = ('<style>@font-face { font-family: T; src: url(/static/t.woff2); } '
            "body { font-family: T; }</style>")
    scripts = '<img src="/static/photo.jpg" alt="">'
    if offsite:
        scripts += f'<script src="{offsite}/tracker.js"></script>'
    return head, scripts


def article_page(n: int, kind: str, *, offsite: str | None = None) -> str:
    """The HTML of article ``n`` served as ``kind``."""
    if kind == "plain":
        return _page(n, f'<div id="body" class="article-body">{body_html(n)}</div>')
    head, assets = _assets(offsite)
    if kind == "fetch":
        body = f'<div id="body" class="article-body" data-src="/api/artikel-{n}.json"></div>'
        return _page(n, body, assets + '<script src="/static/app.js"></script>', head)
    if kind in ("inline", "late"):
        data = json.dumps({"html": body_html(n)}).replace("</", "<\\/")
        delay = str(LATE_MS if kind == "late" else 150)
        scripts = (f'{assets}<script type="application/json" id="article-data">{data}</script>'
                   f"<script>{INLINE_JS.replace('DELAY', delay)}</script>")
        return _page(n, '<div id="body" class="article-body"></div>', scripts, head)
    if kind == "placeholders":
        body = (f'<div id="body" class="article-body" data-src="/api/artikel-{n}.json">'
                "<p>{{ article.lead }}</p><h2>{{ article.headings[0] }}</h2>"
                "<p>{{ article.paragraphs[0] }}</p><p>{{ article.paragraphs[1] }}</p>"
                "<h2>{{ article.headings[1] }}</h2><p>{{ article.paragraphs[2] }}</p>"
                "</div>")
        return _page(n, body, assets + '<script src="/static/app.js"></script>', head)
    if kind == "hang":
        return _page(n, '<div id="body" class="article-body"></div>',
                     "<script>for (;;) {}</script>")
    raise ValueError(f"unknown page kind {kind!r}")


def render_site(kinds: list[str], *, prerendered: bool = False,
                offsite: str | None = None) -> dict[str, str | bytes]:
    """Routes of a site with one article per entry of ``kinds`` (article ``n`` is ``kinds[n]``)."""
    links = "".join(f'<li><a href="{slug(n)}">{html.escape(title(n))}</a></li>'
                    for n in range(len(kinds)))
    routes: dict[str, str | bytes] = {
        "/": f"<html><head><title>De Testkrant</title></head><body><ul>{links}</ul></body></html>",
        "/robots.txt": "User-agent: *\nDisallow: /private/\n",
        "/static/app.js": APP_JS,
        "/static/photo.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 64,
        "/static/t.woff2": b"wOF2" + b"\0" * 64,
    }
    for n, kind in enumerate(kinds):
        routes[slug(n)] = article_page(n, "plain" if prerendered else kind, offsite=offsite)
        routes[f"/api/artikel-{n}.json"] = json.dumps({"html": body_html(n)})
    return routes
