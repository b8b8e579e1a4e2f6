# ruff: noqa: E501, UP031  (HTML templates read best one element per line; %-format keeps braces literal)
"""Deterministic generator of unseen article templates with their truth.

``make_page(seed, index)`` builds one page from ``random.Random(f"{seed}:{index}")`` alone,
so a page can be rebuilt anywhere (a worker process) without the rest of its set. Every
choice of markup is random per page: containers and class names, heading tags, lead
placement, figures, kickers, teasers and related boxes carrying other articles' dates, the
date evidence (JSON-LD plain / under ``@graph`` / under ``mainEntityOfPage``, meta, byline
``<time>``, URL only, visible text only, published and updated in either order, a masthead
"today"), and widgets of five template syntaxes in several shapes.

Truth: ``title``, ``published`` (YYYY-MM-DD, the publisher's local day), ``modified``
(YYYY-MM-DD or None), ``headings`` (ordered), ``paragraphs`` (lead first when there is
one), ``residue`` (strings that must not appear in a clean text), ``boilerplate`` (read-also
lines, teaser and caption texts: not article text), ``features`` (what this page exercises).
"""

from __future__ import annotations

import html as htmllib
import json
import random
import re
import string
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

from bench.confirmgen import lang as L

CRAWL_DAY = datetime(2026, 12, 6, 7, 30, tzinfo=UTC)  # masthead "today"
SYNTAXES = ("mustache", "angle", "jinja", "brackets", "dollar")
DATE_MODES = ("jsonld", "jsonld_graph", "jsonld_main_entity", "meta", "time", "url",
              "text", "text_both")


def esc(text: str) -> str:
    """HTML-escape text (quotes too)."""
    return htmllib.escape(text, quote=True)


class Builder:
    """State of one page being generated."""

    def __init__(self, seed: int, index: int) -> None:
        self.rng = random.Random(f"templategen:{seed}:{index}")
        self.seed, self.index = seed, index
        self.lang = self.rng.choice(L.LANGS)
        self.residue: list[str] = []
        self.boilerplate: list[str] = []
        self.features: list[str] = []

    # -- words ---------------------------------------------------------------------
    def fill(self, template: str) -> str:
        r, lg = self.rng, self.lang
        return (template.replace("{P}", r.choice(L.PEOPLE[lg]))
                .replace("{L}", r.choice(L.PLACES[lg])).replace("{T}", r.choice(L.TOPICS[lg]))
                .replace("{N}", str(r.randint(12, 480))).replace("{Y}", str(r.randint(2015, 2022))))

    def cap(self, text: str) -> str:
        return text[:1].upper() + text[1:]

    def paragraph(self, used: set[str]) -> str:
        """2-4 sentences from distinct templates, templates unused on the page first."""
        pool = list(L.SENTENCES[self.lang])
        fresh = [t for t in pool if t not in used] or pool
        rest = [t for t in pool if t not in fresh]
        n = self.rng.randint(2, 4)
        picked = self.rng.sample(fresh, min(n, len(fresh)))
        picked += self.rng.sample(rest, n - len(picked)) if n > len(picked) else []
        used.update(picked)
        return " ".join(self.cap(self.fill(t)) for t in picked)

    def cls(self, *stems: str) -> str:
        """A random class name: a stem, a BEM-ish or hashed form."""
        r = self.rng
        stem = r.choice(stems or ("box", "wrap", "content", "block", "col", "inner", "c"))
        form = r.randint(0, 4)
        if form == 0:
            return stem
        if form == 1:
            return f"{stem}__{r.choice(('inner', 'main', 'body', 'text', 'item'))}"
        if form == 2:
            return f"sc-{''.join(r.choices(string.ascii_letters + string.digits, k=6))}"
        if form == 3:
            return f"{stem}-{r.randint(1, 12)}"
        return f"{r.choice(('css', 'x', 'u'))}-{''.join(r.choices(string.ascii_lowercase, k=5))}"

    # -- dates ---------------------------------------------------------------------
    def day_phrase(self, dt: datetime, with_time: bool = False) -> str:
        fmt = self.rng.choice(L.DAY_FORMATS[self.lang])
        text = (fmt.replace("{D}", str(dt.day)).replace("{M}", L.MONTHS[self.lang][dt.month - 1])
                .replace("{Y}", str(dt.year)))
        if with_time:
            text += f", {dt:%H:%M}"
        return text

    def numeric_day(self, dt: datetime) -> str:
        if self.lang == "en" and dt.utcoffset() and dt.utcoffset() < timedelta(0):
            return f"{dt.month}/{dt.day}/{dt.year}"
        return self.rng.choice((f"{dt.day:02d}.{dt.month:02d}.{dt.year}",
                                f"{dt.day:02d}-{dt.month:02d}-{dt.year}",
                                f"{dt.day}/{dt.month}/{dt.year}"))


def _iso(dt: datetime, utc: bool) -> str:
    if utc:
        return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.isoformat(timespec="seconds")


def _token(syntax: str, expr: str) -> str:
    return {"mustache": "{{ %s }}", "angle": "<< %s >>", "jinja": "{{ %s }}",
            "brackets": "[[ %s ]]", "dollar": "${%s}"}[syntax] % expr


def _cond(syntax: str, expr: str) -> tuple[str, str]:
    """Opening and closing conditional of a syntax."""
    if syntax == "mustache":
        return "{{#if %s}}" % expr, "{{/if}}"
    if syntax == "angle":
        return "<< if (%s) >>" % expr, "<< endif >>"
    if syntax == "brackets":
        return "[[ if %s ]]" % expr, "[[ endif ]]"
    if syntax == "dollar":
        return "${ if(%s) }" % expr, "${ endif }"
    return "{% if " + expr + " %}", "{% endif %}"


_OPEN_RE = re.compile(r"^(\{\{[#/]?|<<|\{%|\[\[|\$\{)\s*")
_CLOSE_RE = re.compile(r"\s*(\}\}|>>|%\}|\]\]|\})$")


def _check(token: str) -> str:
    """The string whose presence in an output shows the token (or a part of it) was left:
    a dotted key or indexed name when the token has one, else the whole token."""
    inner = _CLOSE_RE.sub("", _OPEN_RE.sub("", token))
    for part in inner.replace("(", " ").replace(")", " ").replace("'", " ").split():
        if "." in part.strip(".") or "[" in part:
            return part.strip(".")
    return token


class Page(Builder):
    """One generated page: ``build()`` returns {url, html, truth}."""

    def build(self) -> dict:
        r, lg = self.rng, self.lang
        used: set[str] = set()
        self.site = r.choice(L.SITES[lg])
        ascii_site = unicodedata.normalize("NFKD", self.site.lower()).encode("ascii", "ignore")
        host = "www." + "".join(c for c in ascii_site.decode() if c.isalnum())[:18] + "." + L.TLDS[lg]
        section = r.choice(L.SECTIONS[lg])
        self.title = self.cap(self.fill(r.choice(L.TITLES[lg])))
        self._dates()
        slug = "-".join("".join(c for c in w.lower() if c.isalnum()) for w in self.title.split()[:7])
        pub = self.pub_local
        url_dated = self.date_mode == "url" or (self.z_cross and self.cross_evidence == "url") \
            or r.random() < 0.2
        if url_dated:
            path = r.choice((f"/{section}/{pub:%Y/%m/%d}/{slug}", f"/{pub:%Y/%m/%d}/{section}/{slug}",
                             f"/{section}/{slug}-{pub:%Y%m%d}"))
            self.features.append("url_date")
        else:
            path = r.choice((f"/{section}/{slug}", f"/{section}/{slug}-{r.randint(10**5, 10**7)}.html",
                             f"/artikel/{r.randint(10**6, 10**8)}/{slug}"))
        self.url = f"https://{host}{path}"
        # body content
        n_sections = r.choice((0, 1, 2, 3, 3, 4))
        headings = []
        while len(headings) < n_sections:
            h = self.cap(self.fill(r.choice(L.HEADINGS[lg])))
            if h not in headings:
                headings.append(h)
        self.lead = self.paragraph(used) if r.random() < 0.75 else None
        self.lead_place = r.choice(("header", "body")) if self.lead else "none"
        intro = [self.paragraph(used) for _ in range(r.randint(1, 3))]
        if lg in L.LOOKALIKES and r.random() < 0.12:
            intro.append(self.cap(self.fill(r.choice(L.LOOKALIKES[lg]))))
            self.features.append("lookalike_prose")
        sections = [(h, [self.paragraph(used) for _ in range(r.randint(1, 3))]) for h in headings]
        html = self._render(intro, sections, path)
        paragraphs = ([self.lead] if self.lead else []) + self.final_paragraphs
        truth = {"lang": lg, "title": self.title, "published": self.pub_local.date().isoformat(),
                 "modified": self.mod_local.date().isoformat() if self.mod_local else None,
                 "headings": headings, "paragraphs": paragraphs,
                 "residue": list(dict.fromkeys(self.residue)),
                 "boilerplate": list(dict.fromkeys(self.boilerplate)),
                 "features": sorted(set(self.features)), "date_mode": self.date_mode}
        return {"id": f"s{self.seed}-{self.index:04d}", "url": self.url, "html": html,
                "truth": truth}

    # -- dates -----------------------------------------------------------------------
    def _dates(self) -> None:
        r = self.rng
        self.date_mode = r.choice(DATE_MODES)
        winter, summer = r.choice(L.ZONES[self.lang])
        day = datetime(2023, 1, 1) + timedelta(days=r.randint(0, 1060))
        offset = summer if 4 <= day.month <= 10 else winter
        tz = timezone(timedelta(hours=offset))
        self.z_cross = (self.date_mode in ("jsonld", "jsonld_graph", "jsonld_main_entity", "meta",
                                           "time") and offset != 0 and r.random() < 0.35)
        if self.z_cross:
            # local time whose UTC day differs from the local day
            hour = r.randint(0, offset - 1) if offset > 0 else r.randint(24 + offset, 23)
            self.cross_evidence = r.choice(("byline", "url"))
            self.features.append("utc_z_other_day")
        else:
            hour = r.randint(6, 20)
            self.cross_evidence = None
        self.pub_local = day.replace(hour=hour, minute=r.randint(0, 59), tzinfo=tz)
        self.utc_stamps = self.z_cross or (offset != 0 and r.random() < 0.2)
        self.mod_local = None
        if r.random() < 0.45 or self.date_mode == "text_both":
            self.mod_local = self.pub_local + timedelta(hours=r.randint(2, 120), minutes=r.randint(0, 59))
        self.features.append(f"date_{self.date_mode}")

    def _jsonld(self) -> str:
        art = {"@type": self.rng.choice(("NewsArticle", "Article", "ReportageNewsArticle")),
               "headline": self.title, "datePublished": _iso(self.pub_local, self.utc_stamps),
               "author": {"@type": "Person", "name": self.author},
               "publisher": {"@type": "Organization", "name": self.site}}
        if self.mod_local:
            art["dateModified"] = _iso(self.mod_local, self.utc_stamps)
        page = {"@type": "WebPage", "@id": self.url, "url": self.url, "name": self.title,
                "datePublished": _iso(self.pub_local, self.utc_stamps)}
        if self.date_mode == "jsonld_graph":
            org = {"@type": "Organization", "name": self.site, "foundingDate": "1998-05-01"}
            crumbs = {"@type": "BreadcrumbList", "itemListElement": []}
            doc = {"@context": "https://schema.org",
                   "@graph": self.rng.sample([org, crumbs, {**art, "mainEntityOfPage": {"@id": self.url}},
                                              page], 4)}
        elif self.date_mode == "jsonld_main_entity":
            page.pop("datePublished")
            art["mainEntityOfPage"] = page
            doc = ({"@context": "https://schema.org", **art} if self.rng.random() < 0.5 else
                   {"@context": "https://schema.org", "@type": "WebPage", "url": self.url,
                    "mainEntityOfPage": art})
        else:
            doc = {"@context": "https://schema.org", **art,
                   "mainEntityOfPage": {"@type": "WebPage", "@id": self.url}}
        return ('<script type="application/ld+json">' + json.dumps(doc, ensure_ascii=False)
                + "</script>")

    def _byline(self) -> str:
        """Author and the visible/marked dates the date mode calls for."""
        r, lg = self.rng, self.lang
        parts = [f'<span class="{self.cls("author", "byline")}">{L.BY[lg]} '
                 f'<a href="/auteur/{r.randint(1, 999)}">{esc(self.author)}</a></span>']
        mode = self.date_mode
        pub, mod = self.pub_local, self.mod_local
        show_pub = mode in ("time", "text", "text_both") or (self.cross_evidence == "byline") \
            or (mode.startswith("jsonld") or mode == "meta") and r.random() < 0.4
        if mode == "time":
            label = esc(self.day_phrase(pub, with_time=r.random() < 0.5))
            if self.utc_stamps and not self.z_cross and r.random() < 0.5:
                label = esc(self.numeric_day(pub))
            parts.append(f'<time datetime="{_iso(pub, self.utc_stamps)}" class="{self.cls("date")}">'
                         f"{label}</time>")
        elif show_pub:
            text = r.choice(L.PUBLISHED[lg]).replace("{d}", self.day_phrase(pub, r.random() < 0.5))
            pieces = [f'<span class="{self.cls("date", "meta")}">{esc(text)}</span>']
            if mod and (mode == "text_both" or r.random() < 0.3):
                upd = r.choice(L.UPDATED[lg]).replace("{d}", self.day_phrase(mod, r.random() < 0.6))
                pieces.append(f'<span class="{self.cls("updated", "meta")}">{esc(upd)}</span>')
                if r.random() < 0.5:
                    pieces.reverse()
                    self.features.append("updated_before_published")
            parts.extend(pieces)
        return f'<div class="{self.cls("byline", "meta", "article-meta")}">' + " ".join(parts) + "</div>"

    # -- widgets -----------------------------------------------------------------------
    def _res(self, kind: str) -> str:
        line = self.rng.choice(L.RESIDUE[self.lang][kind])
        self.residue.append(line)
        return line

    def _tok(self, syntax: str, expr: str) -> str:
        t = _token(syntax, expr)
        self.residue.append(_check(t))
        return esc(t)

    def widget(self) -> list[str]:
        """One widget, as a list of sibling HTML blocks for the body flow."""
        r = self.rng
        syntax = r.choice(SYNTAXES)
        shape = r.choice(("one_block", "one_block", "sibling_residue", "sibling_residue_outside",
                          "consent_form", "paywall_cond", "paywall_split"))
        self.features += [f"widget_{shape}", f"syntax_{syntax}"]
        t = lambda expr: self._tok(syntax, expr)  # noqa: E731
        neutral = self.cls("box", "block", "inner", "item", "module")
        if shape == "one_block":
            inner = " ".join((t("trans('customs.newsletter_signup.responsemsg')"), t("title"),
                              t("subTitle"), t("trans('customs.newsletter_signup.header')"),
                              t("trans('customs.buttons.signup')"), esc(self._res("error")),
                              t("errors . email[0]")))
            if r.random() < 0.5:
                return [f'<div class="{neutral}">{inner}</div>']
            return [f'<div class="{neutral}"><p>{inner}</p></div>']
        if shape in ("sibling_residue", "sibling_residue_outside"):
            header = t("trans('customs.newsletter_signup.header')")
            button = t("trans('customs.buttons.signup')")
            form = (f'<div class="{self.cls("newsletter", "nl-form", "signup")}">'
                    f'<h3>{header}</h3>'
                    f'<form><input type="email" placeholder="{esc(self._res("email"))}">'
                    f'<button type="submit">{button}</button>'
                    f'</form><span class="{self.cls("error")}">{t("errors.email[0]")}</span></div>')
            siblings = [f'<p class="{self.cls("msg", "success", "note")}">{esc(self._res(k))}</p>'
                        for k in r.sample(("confirm", "unsubscribe", "error"), r.randint(1, 3))]
            if shape == "sibling_residue":
                return [f'<div class="{neutral}">{form}{"".join(siblings)}</div>']
            return [form, *(s.replace(' class="', ' data-x="', 1) if r.random() < 0.5 else s
                            for s in siblings)]
        if shape == "consent_form":
            return [f'<div class="{neutral}"><p>{t("newsletter.title")} {t("newsletter.intro")}</p>'
                    f'<label><input type="checkbox"> {esc(self._res("consent"))}</label>'
                    f'<p>{esc(self._res("unsubscribe"))}</p></div>']
        open_, close = _cond(syntax, r.choice(("not user.subscribed", "!user", "user.isGuest")))
        self.residue += [_check(open_), _check(close)]
        note = esc(self._res("paywall"))
        if shape == "paywall_cond":
            cta = t("trans('paywall.cta')")
            return [f'<p class="{self.cls("paywall", "note")}">{esc(open_)} {note} '
                    f'<a href="/abonnement">{cta}</a> {esc(close)}</p>']
        return [f"<p>{esc(open_)}</p>", f'<div class="{neutral}"><p>{note}</p></div>',
                f"<p>{esc(close)}</p>"]

    def inline_token(self, paragraph: str) -> tuple[str, str]:
        """(HTML with a token between two sentences, the clean truth text)."""
        r = self.rng
        syntax = r.choice(SYNTAXES)
        expr = r.choice(("trans('article.inline_ad')", "ads.inline_slot", "user.first_name",
                         "trans('customs.read_more')"))
        sentences = paragraph.split(". ")
        cut = r.randint(1, len(sentences)) if len(sentences) > 1 else 1
        head = ". ".join(sentences[:cut])
        tail = ". ".join(sentences[cut:])
        if tail and not head.endswith("."):
            head += "."
        token = self._tok(syntax, expr)
        self.features += ["inline_token", f"syntax_{syntax}"]
        html = f"{esc(head)} {token} {esc(tail)}".strip()
        return html, f"{head} {tail}".strip()

    # -- teasers -------------------------------------------------------------------------
    def other_article(self) -> tuple[str, str, datetime]:
        r = self.rng
        title = self.title
        while title == self.title:
            title = self.cap(self.fill(r.choice(L.TITLES[self.lang])))
        when = self.pub_local + timedelta(days=r.choice((-1, 1)) * r.randint(1, 400))
        slug = "-".join(w.lower().strip(",.") for w in title.split()[:5])
        return title, f"/{r.choice(L.SECTIONS[self.lang])}/{when:%Y/%m/%d}/{slug}", when

    def teaser_box(self, heading: str, n: int) -> str:
        r = self.rng
        items = []
        for _ in range(n):
            title, href, when = self.other_article()
            self.boilerplate.append(title)
            date_html = r.choice((
                f'<time datetime="{when.isoformat(timespec="seconds")}">{esc(self.day_phrase(when))}</time>',
                f'<span class="{self.cls("date")}">{esc(self.numeric_day(when))}</span>',
                f'<span class="{self.cls("date")}">{esc(self.day_phrase(when))}</span>'))
            items.append(f'<li><a href="{href}">{date_html} <span>{esc(title)}</span></a></li>')
        self.features.append("teasers")
        return (f'<div class="{self.cls("related", "teasers", "more")}"><h3>{esc(heading)}</h3>'
                f'<ul>{"".join(items)}</ul></div>')

    def read_also(self) -> str:
        title, href, _ = self.other_article()
        label = self.rng.choice(L.READ_ALSO[self.lang])
        self.boilerplate += [f"{label} {title}", title]
        self.features.append("read_also")
        tag = self.rng.choice(("strong", "b", "span"))
        return f'<p><{tag}>{esc(label)}</{tag}> <a href="{href}">{esc(title)}</a></p>'

    def figure(self) -> str:
        cap = self.fill(L.CAPTIONS[self.lang])
        self.boilerplate.append(cap)
        self.features.append("figure")
        return (f'<figure class="{self.cls("figure", "media")}"><img src="/img/{self.rng.randint(1, 9999)}.jpg" '
                f'alt="{esc(cap)}"><figcaption>{esc(cap)}</figcaption></figure>')

    def heading(self, text: str) -> str:
        tag = self.heading_tag
        if tag == "strong":
            return f"<p><strong>{esc(text)}</strong></p>"
        return f"<{tag}>{esc(text)}</{tag}>"

    # -- page ------------------------------------------------------------------------------
    def _render(self, intro: list[str], sections: list[tuple[str, list[str]]], path: str) -> str:
        r, lg = self.rng, self.lang
        self.author = r.choice(L.AUTHORS)
        self.heading_tag = r.choice(("h2", "h2", "h3", "h4", "strong"))
        self.features.append(f"heading_{self.heading_tag}")
        self.features.append(f"lead_{self.lead_place}")
        # the body flow: (html, truth paragraph or None)
        flow: list[tuple[str, str | None]] = []
        if self.lead and self.lead_place == "body":
            flow.append((f'<p class="{self.cls("intro", "lead", "standfirst")}">{esc(self.lead)}</p>', None))
        for p in intro:
            flow.append((f"<p>{esc(p) if not p.startswith('<<') else esc(p)}</p>", p))
        if r.random() < 0.6:
            pos = r.randint(1 if self.lead_place == "body" else 0, len(flow))
            flow.insert(pos, (self.figure(), None))
        for h, pars in sections:
            flow.append((self.heading(h), None))
            flow.extend((f"<p>{esc(p)}</p>", p) for p in pars)
        # inline tokens in sentences
        text_slots = [i for i, (_, p) in enumerate(flow) if p and not p.startswith("<<")]
        for i in r.sample(text_slots, min(len(text_slots), r.choice((0, 0, 1, 2)))):
            html, clean = self.inline_token(flow[i][1])
            flow[i] = (f"<p>{html}</p>", clean)
        # widgets, read-also lines, an in-body related box, between paragraphs
        inserts: list[list[str]] = [self.widget() for _ in range(r.choice((1, 1, 2, 3)))]
        inserts += [[self.read_also()] for _ in range(r.choice((0, 1, 1, 2)))]
        if r.random() < 0.25:
            inserts.append([self.teaser_box(L.RELATED_BOX[lg], r.randint(2, 3))])
        for block in inserts:
            pos = r.randint(1, len(flow))
            for k, piece in enumerate(block):
                flow.insert(pos + k, (piece, None))
        self.final_paragraphs = [p for _, p in flow if p]
        body_html = "\n".join(h for h, _ in flow)
        for _ in range(r.randint(0, 2)):
            body_html = f'<div class="{self.cls()}">{body_html}</div>'
        body_tag = r.choice(("div", "div", "section", "main" if r.random() < 0.3 else "div"))
        itemprop = ' itemprop="articleBody"' if r.random() < 0.3 else ""
        body_html = (f'<{body_tag} class="{self.cls("article-body", "story-body", "content", "text")}"'
                     f'{itemprop}>\n{body_html}\n</{body_tag}>')
        # header
        kicker = ""
        if r.random() < 0.5:
            k = r.choice(L.KICKERS[lg])
            self.boilerplate.append(k)
            ktag = r.choice(("span", "p", "div"))
            kicker = f'<{ktag} class="{self.cls("kicker", "label", "overline")}">{esc(k)}</{ktag}>'
            self.features.append("kicker")
        lead_html = ""
        if self.lead and self.lead_place == "header":
            lead_html = f'<p class="{self.cls("lead", "intro", "summary", "standfirst")}">{esc(self.lead)}</p>'
        byline = self._byline()
        header_parts = [kicker, f"<h1>{esc(self.title)}</h1>", lead_html]
        header_parts.insert(r.choice((2, 3)), byline) if r.random() < 0.75 else None
        byline_in_header = byline in header_parts
        header = f'<header class="{self.cls("article-header", "head")}">{"".join(header_parts)}</header>'
        footer_bits = "" if byline_in_header else byline
        share = f'<div class="{self.cls("share")}"><span>{esc(L.SHARE[lg])}</span> <a href="#">X</a> <a href="#">Facebook</a></div>'
        self.boilerplate.append(L.SHARE[lg])
        art_tag = r.choice(("article", "article", "div", "main"))
        container = (f'<{art_tag} class="{self.cls("article", "story", "post", "node")}">\n{header}\n'
                     f'{body_html}\n{footer_bits}{share}\n</{art_tag}>')
        for _ in range(r.randint(0, 2)):
            container = f'<div class="{self.cls("container", "col", "wrap", "row")}">{container}</div>'
        # page chrome
        today = CRAWL_DAY
        masthead = ""
        if r.random() < 0.5:
            wd = L.WEEKDAYS[lg][today.weekday()]
            masthead = f'<div class="{self.cls("masthead-date", "today")}">{esc(self.cap(wd))} {esc(self.day_phrase(today))}</div>'
            self.features.append("masthead_today")
        nav = "".join(f'<li><a href="/{s}">{esc(s.capitalize())}</a></li>' for s in L.SECTIONS[lg])
        sidebar = self.teaser_box(L.MOST_READ[lg], r.randint(3, 5))
        related = self.teaser_box(L.RELATED_BOX[lg], r.randint(2, 4)) if r.random() < 0.6 else ""
        before = sidebar if r.random() < 0.3 else ""
        after = "" if before else sidebar
        head = [f'<meta charset="utf-8"><title>{esc(self.title)} | {esc(self.site)}</title>',
                f'<meta property="og:title" content="{esc(self.title)}">',
                f'<meta property="og:site_name" content="{esc(self.site)}">',
                f'<link rel="canonical" href="{self.url}">']
        mode = self.date_mode
        if mode.startswith("jsonld"):
            head.append(self._jsonld())
        if mode == "meta" or (mode.startswith("jsonld") and r.random() < 0.3):
            head.append(f'<meta property="article:published_time" content="{_iso(self.pub_local, self.utc_stamps)}">')
        if self.mod_local and mode in ("meta", "jsonld") and r.random() < 0.5:
            head.append(f'<meta property="article:modified_time" content="{_iso(self.mod_local, self.utc_stamps)}">')
        head.append(f'<meta property="og:updated_time" content="{_iso(CRAWL_DAY, True)}">' if r.random() < 0.15 else "")
        r.shuffle(head)
        return (f'<!DOCTYPE html>\n<html lang="{lg}">\n<head>{"".join(head)}</head>\n<body>\n'
                f'<header class="{self.cls("site-header")}">{masthead}<a class="logo" href="/">{esc(self.site)}</a>'
                f'<nav><ul>{nav}</ul></nav></header>\n{before}\n{container}\n{related}\n{after}\n'
                f'<footer class="{self.cls("footer")}"><p>© {today.year} {esc(self.site)}. '
                f'{esc(L.COPYRIGHT[lg])}</p></footer>\n</body>\n</html>\n')


def make_page(seed: int, index: int) -> dict:
    """Page ``index`` of set ``seed``: {id, url, html, truth}."""
    return Page(seed, index).build()


def generate(seed: int, pages: int) -> list[dict]:
    """The first ``pages`` pages of set ``seed``."""
    return [make_page(seed, i) for i in range(pages)]
