"""Unseen news-article templates with truth: ``generate(seed, n) -> list[Page]``.

Every page is drawn from ``random.Random(seed)`` alone, so a seed always gives the same
pages. Seed 1 is for tuning, seed 2 is held out. The markup, the date evidence and the
widgets vary per page (see ``Page.features``); the truth is what a careful reader of the
rendered page would take as the article:

- ``title``: the ``<h1>`` text (never the kicker, never the site name);
- ``date``: the publisher's local calendar day of publication (YYYY-MM-DD);
- ``headings``: the section sub-headings in order (not the title, not the kicker);
- ``paragraphs``: the lead (first) and the body paragraphs, markup removed;
- ``residue``: strings that must not be in the cleaned text: template tokens' keys and
  variables, widget texts (sign-up confirmation, consent, unsubscribe, errors, paywall
  greetings and upsells), "read also" headlines, the related box's title and headlines.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from html import escape

from bench.templategen.lang import LANGS, format_day

DATE_MODES = ("jsonld", "jsonld_graph", "jsonld_mainentity", "meta", "time",
              "time_utc_visible", "time_utc_url", "url_only", "text_only", "pub_upd")
WIDGET_SHAPES = ("one_block", "siblings", "paywall_if", "read_also")
TRANS_KEYS = ("customs.newsletter_signup.header", "customs.newsletter_signup.button",
              "customs.newsletter_signup.placeholder", "paywall.banner.title",
              "widgets.newsletter.cta_label", "article.share.heading",
              "subscription.offer.intro")
COND_VARS = ("user.subscribed", "user.is_logged_in", "customer.has_plus",
             "member.premium_access")
NAME_VARS = ("user.first_name", "customer.display_name")


@dataclass
class Page:
    """One generated page and its truth."""

    html: str
    url: str
    title: str
    date: str
    headings: list[str]
    paragraphs: list[str]
    residue: list[str]
    lead: str = ""
    lang: str = ""
    features: dict = field(default_factory=dict)


def _cls(rng: random.Random) -> str:
    """A random class name: semantic-looking, BEM-ish or hashed."""
    kind = rng.random()
    words = ["story", "content", "body", "text", "entry", "post", "article", "rich", "main",
             "copy", "prose", "block", "wrap", "inner", "col", "region", "item"]
    if kind < 0.4:
        return f"{rng.choice(words)}-{rng.choice(words)}"
    if kind < 0.7:
        return f"{rng.choice(['c', 'o', 'l', 'm'])}-{rng.choice(words)}__{rng.choice(words)}"
    return "".join(rng.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(7))


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _sentence(rng: random.Random, data: dict) -> str:
    if rng.random() < 0.25:
        return rng.choice(data["numbers"]).format(
            n=rng.randint(12, 9800), year=rng.randint(2005, 2024), city=rng.choice(data["cities"]))
    tail = rng.choice(data["tails"]) if rng.random() < 0.7 else ""
    return f"{rng.choice(data['subjects'])} {rng.choice(data['predicates'])}{tail}."


def _paragraph(rng: random.Random, data: dict, lo: int, hi: int) -> str:
    target = rng.randint(lo, hi)
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < target or len(sentences) < 2:
        s = _sentence(rng, data)
        if s not in sentences:
            sentences.append(s)
        if sum(len(x.split()) for x in sentences) > hi and len(sentences) >= 2:
            break
    return " ".join(sentences)


def _inline(rng: random.Random, text: str, site: str) -> str:
    """The paragraph as HTML, sometimes with an inline link or emphasis inside."""
    words = text.split(" ")
    if len(words) < 8 or rng.random() < 0.5:
        return escape(text, quote=False)
    i = rng.randint(1, len(words) - 4)
    j = i + rng.randint(1, 3)
    tag = rng.choice(["a", "em", "strong", "a"])
    open_ = f'<a href="https://{site}/tag/{rng.randint(1, 999)}">' if tag == "a" else f"<{tag}>"
    return (escape(" ".join(words[:i]), quote=False) + " " + open_
            + escape(" ".join(words[i:j]), quote=False) + f"</{tag}> "
            + escape(" ".join(words[j:]), quote=False))


def _teaser(rng: random.Random, data: dict, title: str) -> str:
    """A headline of another article: ``City: Subject predicate`` (never body text)."""
    while True:
        head = (f"{rng.choice(data['cities'])}: {rng.choice(data['subjects'])} "
                f"{rng.choice(data['predicates'])}")
        if head != title:
            return head


def _offset_hours(rng: random.Random, lang: str, day: date) -> int:
    summer = 4 <= day.month <= 10
    if lang == "en":
        return rng.choice([0, -5]) + (1 if summer else 0)
    return 2 if summer else 1


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _z(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hm(dt: datetime) -> str:
    return dt.strftime("%H:%M")


class _Builder:
    """Builds one page; ``self.residue`` collects what must not survive cleaning."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.lang = rng.choice(sorted(LANGS))
        self.data = LANGS[self.lang]
        self.index = index
        self.residue: list[str] = []
        self.features: dict = {"lang": self.lang}
        self.site = f"www.{rng.choice(self.data['sites'])}{rng.randint(2, 99)}.{self.data['tld']}"
        self.site_name = self.site.split(".")[1].capitalize()

    # --- truth -----------------------------------------------------------------------
    def truth(self) -> None:
        rng, data = self.rng, self.data
        self.title = f"{rng.choice(data['subjects'])} {rng.choice(data['predicates'])}"
        self.lead = _paragraph(rng, data, 18, 40)
        n_par = rng.randint(4, 8)
        self.body = []
        while len(self.body) < n_par:
            p = _paragraph(rng, data, 30, 80)
            if p not in self.body and p != self.lead:
                self.body.append(p)
        n_head = rng.randint(1, min(4, n_par - 1))
        self.headings = rng.sample(data["headings"], n_head)
        # heading k goes before body paragraph positions[k]; at least one paragraph before
        # the first heading and one after every heading
        self.positions = sorted(rng.sample(range(1, n_par), n_head))
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2890))
        self.day = start
        self.offset = _offset_hours(rng, self.lang, start)
        tz = timezone(timedelta(hours=self.offset))
        self.date_mode = rng.choice(DATE_MODES)
        if self.date_mode.startswith("time_utc") and self.offset == 0:
            self.offset = -4 if 4 <= start.month <= 10 else -5
            tz = timezone(timedelta(hours=self.offset))
        if self.date_mode.startswith("time_utc"):
            # a local time whose UTC day is another day
            if self.offset > 0:
                hour = rng.randint(0, self.offset - 1)
            else:
                hour = rng.randint(24 + self.offset, 23)
        else:
            hour = rng.randint(6, 22)
        self.published = datetime(start.year, start.month, start.day, hour,
                                  rng.randint(0, 59), tzinfo=tz)
        self.updated = self.published + timedelta(days=rng.randint(1, 20),
                                                  minutes=rng.randint(0, 600))
        self.features["date_mode"] = self.date_mode
        self.features["utc_offset"] = self.offset

    def visible(self, dt: datetime, with_time: bool | None = None) -> str:
        text = format_day(self.lang, dt.year, dt.month, dt.day)
        if with_time is None:
            with_time = self.rng.random() < 0.5
        return f"{text}, {_hm(dt)}" if with_time else text

    # --- URL -------------------------------------------------------------------------
    def url(self) -> str:
        rng = self.rng
        slug = "-".join(self.title.lower().split()[:6])
        slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()
        slug = "".join(c for c in slug if c.isalnum() or c == "-")
        section = rng.choice(self.data["sections"])
        dated = self.date_mode in ("url_only", "time_utc_url") or rng.random() < 0.15
        self.features["url_date"] = dated
        if dated:
            d = self.published
            return f"https://{self.site}/{section}/{d.year:04d}/{d.month:02d}/{d.day:02d}/{slug}"
        return f"https://{self.site}/{section}/{slug}-{rng.randint(10000, 999999)}"

    # --- head ------------------------------------------------------------------------
    def head(self) -> str:
        rng, mode = self.rng, self.date_mode
        parts = ['<meta charset="utf-8">',
                 '<meta name="viewport" content="width=device-width, initial-scale=1">',
                 f"<title>{escape(self.title)} {rng.choice(['|', '-', '–'])} "
                 f"{escape(self.site_name)}</title>"]
        if rng.random() < 0.6:
            parts.append(f'<meta property="og:title" content="{_attr(self.title)}">')
        if rng.random() < 0.5:
            parts.append(f'<meta name="description" content="{_attr(self.lead)}">')
        if mode == "meta" or (mode in ("time", "pub_upd") and rng.random() < 0.3):
            parts.append('<meta property="article:published_time" '
                         f'content="{_iso(self.published)}">')
            if mode == "pub_upd" or rng.random() < 0.3:
                parts.append('<meta property="article:modified_time" '
                             f'content="{_iso(self.updated)}">')
        if mode.startswith("time_utc") and rng.random() < 0.4:
            parts.append(f'<meta property="article:published_time" '
                         f'content="{_z(self.published)}">')
        ld = self.jsonld()
        if ld is not None:
            parts.append('<script type="application/ld+json">'
                         + json.dumps(ld, ensure_ascii=False) + "</script>")
        return "\n".join(parts)

    def jsonld(self) -> dict | None:
        rng, mode = self.rng, self.date_mode
        article: dict = {"@type": rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
                         "headline": self.title, "inLanguage": self.lang,
                         "author": {"@type": "Person", "name": rng.choice(self.data["names"])},
                         "publisher": {"@type": "Organization", "name": self.site_name}}
        if mode.startswith("jsonld") or (mode == "pub_upd" and rng.random() < 0.5):
            article["datePublished"] = (self.published.date().isoformat()
                                        if rng.random() < 0.2 else _iso(self.published))
            if rng.random() < 0.5 or mode == "pub_upd":
                article["dateModified"] = _iso(self.updated)
        elif rng.random() > 0.5:
            return None
        org = {"@type": "Organization", "name": self.site_name, "url": f"https://{self.site}/"}
        if mode == "jsonld_graph":
            return {"@context": "https://schema.org",
                    "@graph": [org, {"@type": "WebSite", "url": f"https://{self.site}/"},
                               article]}
        if mode == "jsonld_mainentity":
            return {"@context": "https://schema.org", "@type": "WebPage",
                    "url": f"https://{self.site}/", "mainEntityOfPage": article}
        return {"@context": "https://schema.org", **article}

    # --- visible date block ------------------------------------------------------------
    def byline(self) -> str:
        rng, data, mode = self.rng, self.data, self.date_mode
        name = escape(rng.choice(data["names"]))
        author = f'<span class="{_cls(rng)}">{data["by"]} {name}</span>'
        pub, upd = self.published, self.updated
        if mode in ("jsonld", "jsonld_graph", "jsonld_mainentity", "meta"):
            date_html = ("" if rng.random() < 0.4 else
                         f'<span class="{_cls(rng)}">{escape(self.visible(pub))}</span>')
        elif mode == "time":
            date_html = f'<time datetime="{_iso(pub)}">{escape(self.visible(pub))}</time>'
        elif mode == "time_utc_visible":
            date_html = (f'<time datetime="{_z(pub)}">'
                         f"{escape(self.visible(pub, True))}</time>")
        elif mode == "time_utc_url":
            date_html = f'<time datetime="{_z(pub)}">{_hm(pub)}</time>'
        elif mode == "url_only":
            date_html = ""
        elif mode == "text_only":
            label = data["published"]
            shown = escape(self.visible(pub))
            date_html = f'<span class="{_cls(rng)}">{escape(label)} {shown}</span>'
        else:  # pub_upd
            use_time = rng.random() < 0.5

            def one(label: str, dt: datetime) -> str:
                shown = escape(self.visible(dt))
                inner = f'<time datetime="{_iso(dt)}">{shown}</time>' if use_time else shown
                return f'<span class="{_cls(rng)}">{escape(label)} {inner}</span>'

            short = rng.random() < 0.5
            p_lab = data["published_short" if short else "published"]
            u_lab = data["updated_short" if short else "updated"]
            pair = [one(p_lab, pub), one(u_lab, upd)]
            updated_first = rng.random() < 0.5
            if updated_first:
                pair.reverse()
            self.features["updated_first"] = updated_first
            date_html = f" {rng.choice(['|', '·', ''])} ".join(pair)
        return f'<div class="{_cls(rng)}">{author} {date_html}</div>'

    # --- widgets ---------------------------------------------------------------------
    def token(self, key: str | None = None) -> str:
        key = key or self.rng.choice(TRANS_KEYS)
        self.residue.append(key)
        style = self.rng.randrange(4)
        if style == 0:
            return f"{{{{ trans('{key}') }}}}"
        if style == 1:
            return f"<< trans('{key}') >>"
        if style == 2:
            return f"[[ {key} ]]"
        return f"{{{{ __('{key}') }}}}"

    def widget(self, shape: str) -> str:
        rng, data = self.rng, self.data
        c = _cls(rng)
        if shape == "one_block":
            pool = ["signup_header", "signup_thanks", "consent", "error", "unsubscribe"]
            texts = [data[k] for k in pool if rng.random() < 0.5] or [data["signup_thanks"]]
            self.residue += texts
            body = " ".join(escape(t) for t in texts)
            inner = (f"{self.token()} {body}" if rng.random() < 0.6
                     else f"{body} {self.token()}")
            tag = rng.choice(["p", "div"])
            return f'<div class="{c}"><{tag}>{inner}</{tag}></div>'
        if shape == "siblings":
            keys = ["signup_thanks", "consent", "unsubscribe", "error"]
            chosen = [k for k in keys if rng.random() < 0.7] or ["signup_thanks"]
            rows = []
            for k in chosen:
                self.residue.append(data[k])
                tag = rng.choice(["p", "div", "span", "small"])
                rows.append(f'<{tag} class="{_cls(rng)}">{escape(data[k])}</{tag}>')
            head_tag = rng.choice(["h3", "h4", "p", "div"])
            head = f"<{head_tag}>{self.token()}</{head_tag}>"
            form = (f'<form action="/newsletter"><input type="email" '
                    f'placeholder="{self.token()}"><button>{self.token()}</button></form>')
            return f'<div class="{c}">{head}{form}{"".join(rows)}</div>'
        if shape == "paywall_if":
            var = rng.choice(COND_VARS)
            self.residue += [var, data["greeting"], data["upsell"]]
            name = ""
            if rng.random() < 0.5:
                nv = rng.choice(NAME_VARS)
                self.residue.append(nv)
                name = f" {{{{ {nv} }}}}"
            if rng.random() < 0.65:  # jinja / twig
                if_, else_, end = f"{{% if {var} %}}", "{% else %}", "{% endif %}"
            else:  # handlebars
                if_, else_, end = f"{{{{#if {var}}}}}", "{{else}}", "{{/if}}"
            greeting, upsell = escape(data["greeting"]), escape(data["upsell"])
            if rng.random() < 0.5:
                inner = f"{if_}<p>{greeting}{name}</p>{else_}<p>{upsell}</p>{end}"
            else:
                inner = f"<p>{if_}{greeting}{name}{else_}{upsell}{end}</p>"
            return f'<div class="{c}">{inner}</div>'
        # read_also
        headline = _teaser(rng, data, self.title)
        self.residue.append(headline)
        label = rng.choice(data["read_also"])
        href = f"https://{self.site}/{rng.choice(data['sections'])}/{rng.randint(10000, 99999)}"
        link = f'<a href="{href}">{escape(headline)}</a>'
        if rng.random() < 0.7:
            return f"<p>{escape(label)} {link}</p>"
        return f"<p><strong>{escape(label)}</strong> {link}</p>"

    def related(self) -> str:
        rng, data = self.rng, self.data
        self.residue.append(data["related"])
        items = []
        for _ in range(rng.randint(2, 4)):
            head = _teaser(rng, data, self.title)
            self.residue.append(head)
            other = self.published + timedelta(days=rng.choice([-1, 1]) * rng.randint(1, 90),
                                               hours=rng.randint(0, 8))
            t = f'<time datetime="{_iso(other)}">{escape(self.visible(other, False))}</time>'
            href = f"https://{self.site}/{rng.choice(data['sections'])}/{rng.randint(10000, 99999)}"
            items.append(f'<li><a href="{href}">{escape(head)}</a> {t}</li>')
        tag = rng.choice(["h2", "h3", "div"])
        box = rng.choice(["aside", "div", "section"])
        return (f'<{box} class="{_cls(rng)}"><{tag}>{escape(data["related"])}</{tag}>'
                f'<ul>{"".join(items)}</ul></{box}>')

    def kinded(self, kind: str, fn, *args) -> str:
        """Call ``fn`` and record ``kind`` for the residue strings it added."""
        start = len(self.residue)
        out = fn(*args)
        kinds = self.features.setdefault("residue_kind", {})
        for r in self.residue[start:]:
            kinds.setdefault(r, kind)
        return out

    # --- page ------------------------------------------------------------------------
    def build(self) -> Page:
        rng, data = self.rng, self.data
        self.truth()
        url = self.url()
        feats = self.features
        head_tag = rng.choice(["h2", "h3", "h4", "p_strong"])
        lead_in_header = rng.random() < 0.5
        kicker = rng.random() < 0.4
        figure = rng.random() < 0.4
        masthead = rng.random() < 0.4
        related_where = rng.choice(["inside", "after", "none"])
        shapes = [s for s in WIDGET_SHAPES if rng.random() < 0.55]
        feats.update(heading_tag=head_tag, lead_in_header=lead_in_header, kicker=kicker,
                     figure=figure, masthead=masthead, related=related_where, widgets=shapes)

        # site header
        nav = "".join(f'<li><a href="/{s}">{s.capitalize()}</a></li>' for s in data["sections"])
        mast = ""
        if masthead:
            today = self.published + timedelta(days=rng.randint(1, 400))
            shown = escape(self.visible(today, False))
            mast = (f'<time datetime="{today.date().isoformat()}">{shown}</time>'
                    if rng.random() < 0.5 else f'<span class="{_cls(rng)}">{shown}</span>')
        site_header = (f'<header class="{_cls(rng)}"><a class="logo" href="/">'
                       f"{escape(self.site_name)}</a>{mast}<nav><ul>{nav}</ul></nav></header>")

        # article header
        hparts = []
        if kicker:
            k = rng.choice(data["kickers"])
            ktag = rng.choice(["p", "span", "div"])
            hparts.append(f'<{ktag} class="{_cls(rng)}">{escape(k)}</{ktag}>')
        hparts.append(f"<h1>{escape(self.title)}</h1>")
        lead_html = f'<p class="{_cls(rng)}">{escape(self.lead)}</p>'
        if lead_in_header:
            hparts.append(lead_html)
        hparts.append(self.byline())
        art_header = f'<header class="{_cls(rng)}">{"".join(hparts)}</header>'

        # body
        blocks: list[str] = []
        if not lead_in_header:
            blocks.append(rng.choice([lead_html, f"<p><strong>{escape(self.lead)}</strong></p>",
                                      f"<p>{escape(self.lead)}</p>"]))
        heads = dict(zip(self.positions, self.headings, strict=True))
        for i, text in enumerate(self.body):
            if i in heads:
                h = escape(heads[i])
                blocks.append(f"<p><strong>{h}</strong></p>" if head_tag == "p_strong"
                              else f"<{head_tag}>{h}</{head_tag}>")
            blocks.append(f"<p>{_inline(rng, text, self.site)}</p>")
        if figure:
            place = _teaser(rng, data, self.title).split(":")[0]
            cap = f"{place} ({data['photo']}: {self.site_name})"
            fig = (f'<figure><img src="https://{self.site}/img/{rng.randint(1, 9999)}.jpg" '
                   f'alt=""><figcaption>{escape(cap)}</figcaption></figure>')
            first_head = next(i for i, b in enumerate(blocks)
                              if b.startswith(("<h2", "<h3", "<h4", "<p><strong>"))
                              and (escape(self.headings[0]) in b))
            blocks.insert(rng.randint(0, first_head), fig)
        # widgets between body blocks (never before the first paragraph) or after the body
        after: list[str] = []
        for shape in shapes:
            w = self.kinded(shape, self.widget, shape)
            if rng.random() < 0.75:
                blocks.insert(rng.randint(1, len(blocks)), w)
            else:
                after.append(w)
        if related_where == "inside":
            blocks.append(self.kinded("related", self.related))
        body = "\n".join(blocks)
        for _ in range(rng.randint(0, 3)):
            body = f'<div class="{_cls(rng)}">\n{body}\n</div>'
        after_html = "\n".join(after)
        container = rng.choice(["article", "main", "div"])
        outer = (f'<{container} class="{_cls(rng)}">\n{art_header}\n{body}\n{after_html}\n'
                 f"</{container}>")
        if related_where == "after":
            outer += "\n" + self.kinded("related", self.related)
        for _ in range(rng.randint(0, 2)):
            outer = f'<div class="{_cls(rng)}">\n{outer}\n</div>'
        footer = (f'<footer class="{_cls(rng)}"><p>© {self.updated.year + 1} '
                  f"{escape(self.site_name)}</p></footer>")
        html = (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n{self.head()}\n</head>\n'
                f"<body>\n{site_header}\n{outer}\n{footer}\n</body>\n</html>\n")
        return Page(html=html, url=url, title=self.title,
                    date=self.published.date().isoformat(), headings=list(self.headings),
                    paragraphs=[self.lead, *self.body], residue=list(dict.fromkeys(self.residue)),
                    lead=self.lead, lang=self.lang, features=feats)


def generate(seed: int, n: int) -> list[Page]:
    """``n`` pages drawn from ``random.Random(seed)``; the same seed gives the same pages."""
    rng = random.Random(seed)
    return [_Builder(rng, i).build() for i in range(n)]
