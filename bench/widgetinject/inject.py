"""Put generated widgets into a real page's article body (see the package docstring)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import lxml.html
from lxml import etree

from bench.confirmgen import lang as confirm_lang
from bench.confirmgen.generate import Page as ConfirmPage
from bench.scoring import normalize_space
from bench.templategen.generate import _Builder as TemplateBuilder
from bench.templategen.lang import LANGS as TEMPLATE_LANGS

TEMPLATE_SHAPES = ("one_block", "siblings", "paywall_if")
PREFIX_CHARS = 40  # of an expected paragraph, to find its element in the page


@dataclass
class Injected:
    html: str
    residue: list[str]
    shapes: list[str]


def _lang(tree: etree._Element) -> str:
    raw = (tree.get("lang") or "").lower()[:2]
    return raw if raw in TEMPLATE_LANGS and raw in confirm_lang.LANGS else "en"


def _widget(rng: random.Random, lang: str, n: int) -> tuple[list[str], list[str], str]:
    """(sibling HTML blocks, residue strings, shape) of one generated widget."""
    if rng.random() < 0.4:
        builder = TemplateBuilder(random.Random(rng.random()), n)
        builder.lang, builder.data = lang, TEMPLATE_LANGS[lang]
        shape = rng.choice(TEMPLATE_SHAPES)
        return [builder.widget(shape)], list(builder.residue), f"templategen:{shape}"
    page = ConfirmPage(rng.randrange(1 << 30), n)
    page.lang = lang
    blocks = page.widget()
    shape = next((f for f in page.features if f.startswith("widget_")), "widget_?")
    return blocks, list(page.residue), f"confirmgen:{shape.removeprefix('widget_')}"


def inject(html: str, paragraphs: list[str], seed: int, page_id: str) -> Injected | None:
    """The page with 1-3 widgets after body paragraphs, or None when no paragraph of the
    truth is found as an element of the page."""
    tree = lxml.html.fromstring(html)
    prefixes = [normalize_space(p)[:PREFIX_CHARS] for p in paragraphs if len(p) > PREFIX_CHARS]
    anchors = []
    for el in tree.iter("p"):
        text = normalize_space(el.text_content())
        if any(text.startswith(pre) for pre in prefixes):
            anchors.append(el)
    if not anchors:
        return None
    rng = random.Random(f"widgetinject:{seed}:{page_id}")
    lang = _lang(tree)
    residue: list[str] = []
    shapes: list[str] = []
    for n, anchor in enumerate(rng.sample(anchors, min(len(anchors), rng.randint(1, 3)))):
        blocks, found, shape = _widget(rng, lang, n)
        residue += found
        shapes.append(shape)
        for block in reversed(blocks):
            for el in reversed(lxml.html.fragments_fromstring(block)):
                if isinstance(el, str):
                    continue
                anchor.addnext(el)
    out = lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    return Injected(out, list(dict.fromkeys(residue)), shapes)
