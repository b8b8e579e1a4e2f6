"""The cleaner under fire: hypothesis properties and a bounded atheris run on clean_html/clean_text.

Properties: only ``BadInput`` ever escapes; every page (pathological ones included) is cleaned in
bounded time and memory; a paragraph without template syntax is never dropped.
Run as a script (``python -m tests.cleaners.test_fuzz CORPUS -runs=N``) it is the atheris harness.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaners.exceptions import BadInput

REPO: Final = Path(__file__).resolve().parents[2]
PAGE_SECONDS: Final = 2.0  # CPU seconds per pathological page and entry point
PAGE_RSS_MB: Final = 600  # peak RSS of a process that cleans every pathological page
FUZZ_RUNS: Final = 1500  # atheris iterations inside the test
FUZZ_SECONDS: Final = 45  # ...and a wall-clock cap on them

WORDS: Final = (
    "council", "budget", "river", "bridge", "mayor", "residents", "meeting", "winter",
    "shops", "roadworks", "timetable", "decision", "public", "report", "minister", "talks",
    "Oekraïne", "gesprekken", "leiders", "reactie", "naïve", "über", "garçon", "Zürich",
    "2025", "42", "the", "and", "of", "to", "a", "in", "was", "said", "on", "that",
)


def _clean_html():  # imported lazily so collection works while the cleaner is being built
    from cleaners.clean import clean_html
    return clean_html


def _clean_text():
    from cleaners.clean import clean_text
    return clean_text


def _has_template_syntax(text: str, page: list[str] | None = None) -> bool:
    """Whether ``text`` holds a token; a bare key counts when ``page`` (the other paragraphs of
    its text) holds evidence for it, as clean_text judges."""
    from cleaners.steps.strip_templates import has_template_syntax, text_page_evidence
    return has_template_syntax(text, page_evidence=text_page_evidence(page or ()))


def _is_boilerplate(text: str) -> bool:
    """Matches a boilerplate rule ("Share on Twitter"): removed on purpose and counted."""
    from cleaners.rules.boilerplate import BOILERPLATE_HEADINGS, BOILERPLATE_PARAGRAPHS
    return any(rx.search(text) for _, rx in (*BOILERPLATE_PARAGRAPHS, *BOILERPLATE_HEADINGS))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


prose = st.lists(st.sampled_from(WORDS), min_size=8, max_size=30).map(_sentence)
paragraphs = st.lists(st.lists(prose, min_size=2, max_size=4).map(" ".join), min_size=2,
                      max_size=6, unique=True)
widget = st.sampled_from((
    "{{ trans('customs.newsletter_signup.header') }} {{ title }} Vul een geldig emailadres in.",
    "<< trans('customs.buttons.signup') >> {{ errors . email[0] }}",
    "{% if user %}{{ user.name }}{% endif %} @lang('auth.login')",
))
tagsoup = st.lists(st.sampled_from((
    "<div>", "</div>", "<p>", "</p>", "<article>", "<h2>", "</h2>", "<script>", "</script>",
    "<!--", "-->", "<![CDATA[", "]]>", "<template>", "<svg>", "<math>", "&amp;", "&#0;",
    "&#x110000;", "{{", "}}", "{%", "%}", "<<", ">>", "${", "}", "[[", "]]", "\x00", "\ufffd",
    "<meta charset='utf-16'>", "<base href='javascript:x'>", "text ", "word. ", "\n\n",
)), max_size=200).map("".join)


def _article(paras: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f"<html><head><title>Fuzz page</title></head><body><article><h1>Fuzz page</h1>"
            f"{body}{extra}</article></body></html>")


def _call_ok(fn, data) -> dict | None:
    try:
        return fn(data)
    except BadInput:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=4000), st.text(max_size=4000), tagsoup))
def test_clean_html_raises_only_bad_input(data: bytes | str) -> None:
    """Anything at all: a record or BadInput, nothing else."""
    record = _call_ok(_clean_html(), data)
    assert record is None or isinstance(record, dict)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=4000), tagsoup))
def test_clean_text_raises_only_bad_input(data: str) -> None:
    """Any text: a record or BadInput, nothing else."""
    record = _call_ok(_clean_text(), data)
    assert record is None or isinstance(record, dict)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.lists(widget, max_size=3))
def test_clean_html_keeps_every_plain_paragraph(paras: list[str], widgets: list[str]) -> None:
    """Plain prose paragraphs beside template widgets all survive in the record text."""
    extra = "".join(f"<div class='box'>{html.escape(w)}</div>" for w in widgets)
    record = _clean_html()(_article(paras, extra), url="https://example.org/news/a.html")
    text = _norm(record["text"])
    for para in paras:
        assert not _has_template_syntax(para)
        assert _norm(para) in text
    for w in widgets:
        assert "{{" not in text and "trans(" not in text, w


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                        max_size=300), min_size=1, max_size=8))
def test_clean_text_never_drops_a_paragraph_without_template_syntax(paras: list[str]) -> None:
    """Arbitrary paragraphs: each without template syntax (and no boilerplate) is still there."""
    paras = [p for p in (_norm(p) for p in paras) if p]
    if not paras:
        return
    record = _call_ok(_clean_text(), "\n\n".join(paras))
    if record is None:
        return
    # a short first line becomes the title, a standfirst the lead: both still kept
    text = _norm(" ".join((record["title"] or "", record["lead"] or "", record["text"])))
    for para in paras:
        if _has_template_syntax(para, paras) or re.fullmatch(r"date \d{4}-\d\d-\d\d", para):
            continue
        assert para in text or _is_boilerplate(para), para


STORM: Final = 40_000  # repetitions in each delimiter storm (a few hundred KB of page)


def storms(n: int) -> dict[str, str]:
    """Paragraphs made of n half-open template delimiters or leaked keys (regex torture)."""
    return {
        "open_mustache_storm": "<p>" + "{{ " * n + "</p>",
        "dotted_key_storm": "<p>" + "customs." * n + "</p>",
        "guillemet_storm": "<p>" + "<< " * n + "</p>",
        "jinja_block_storm": "<p>" + "{% if a %}" * (n // 2) + "</p>",
        "dollar_brace_storm": "<p>" + "${a." * n + "</p>",
        "brackets_storm": "<p>" + "[[" * n + "x" + "]]" * 10 + "</p>",
        "lang_call_storm": "<p>" + "@lang('" * (n // 2) + "</p>",
        "trans_nested": "<p>" + "{{ trans(" * (n // 3) + "'a.b'" + ")" * (n // 3) + " }}</p>",
    }


def pathological_pages() -> dict[str, str | bytes]:
    """Inputs built to hurt a parser or a regex: depth, width, size, delimiter storms."""
    deep = "<div>" * 100_000 + "<p>deep text here.</p>" + "</div>" * 100_000
    return {
        **storms(STORM),
        "deep_nesting": deep,
        "unclosed_tags": "<div><p><span><b>" * 50_000,
        "wide_siblings": "<p>a</p>" * 200_000,
        "many_attributes": "<div " + " ".join(f"a{i}='{i}'" for i in range(50_000)) + ">x</div>",
        "one_long_word": "<p>" + "x" * 3_000_000 + "</p>",
        "comment_storm": "<!--" * 100_000,
        "entity_storm": "<p>" + "&amp;" * 300_000 + "</p>",
        "nul_bytes": b"<p>" + b"\x00" * 500_000 + b"</p>",
        "binary_junk": bytes(range(256)) * 4000,
        "utf16_bom": "\ufeff<p>text</p>".encode("utf-16"),
        "table_soup": "<table>" + "<tr><td>" * 20_000 + "</table>",
    }


@pytest.mark.parametrize("name", sorted(pathological_pages()))
def test_pathological_page_is_bounded_in_time(name: str) -> None:
    """Each pathological page is cleaned (or refused with BadInput) in under PAGE_SECONDS.

    CPU time, not wall time, so that other processes on a shared machine do not count.
    """
    page = pathological_pages()[name]
    fns = [_clean_html()] + ([_clean_text()] if isinstance(page, str) else [])
    for fn in fns:
        started = time.process_time()
        _call_ok(fn, page)
        assert time.process_time() - started < PAGE_SECONDS, (name, fn.__name__)


@pytest.mark.parametrize("name", sorted(storms(1)))
def test_storm_cost_grows_linearly(name: str) -> None:
    """4x the storm costs well under 16x the time: no quadratic or catastrophic backtracking."""
    def cost(n: int) -> float:
        page = storms(n)[name]
        started = time.process_time()
        _call_ok(_clean_html(), page)
        _call_ok(_clean_text(), page)
        return time.process_time() - started

    small, large = cost(STORM // 8), cost(STORM // 2)
    assert large < max(8 * small, 0.25), (name, small, large)


def _memory_probe() -> None:
    """Child side of the memory test: clean every pathological page, print peak RSS in MB."""
    from tests.support.peakrss import own_peak_mb

    clean_html = _clean_html()
    for page in pathological_pages().values():
        _call_ok(clean_html, page)
    print(json.dumps({"rss_mb": own_peak_mb()}))


def test_pathological_pages_are_bounded_in_memory() -> None:
    """A fresh process cleaning every pathological page stays under PAGE_RSS_MB of RSS."""
    proc = subprocess.run(
        [sys.executable, "-c", "from tests.cleaners.test_fuzz import _memory_probe; "
         "_memory_probe()"], cwd=REPO, capture_output=True, text=True, timeout=180,
        env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    rss = json.loads(proc.stdout.strip().splitlines()[-1])["rss_mb"]
    assert rss < PAGE_RSS_MB, rss


SEEDS: Final = (
    _article(["Gesprekken over Oekraïne gingen door.", "De leiders kwamen bijeen."],
             "<div>{{ trans('customs.newsletter_signup.header') }} Vul een geldig emailadres "
             "in. {{ errors . email[0] }}</div>"),
    "<html><body><div v-if='x'>{{ a }}</div><pre>{{ code }}</pre><p>&lt;&lt; Nous sommes "
    "prêts &gt;&gt;</p><p>{2, 3} and a &gt;&gt; b</p></body></html>",
    "date 2025-09-03\nTitle\n\nLead paragraph.\n\nSub heading\nBody {{ x }} text.",
)


def _fuzz_one(data: bytes) -> None:
    import atheris

    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    rest = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if mode == 0:
            _clean_html()(rest)
        elif mode == 1:
            _clean_html()(rest.decode("utf-8", "replace"), url="https://example.org/a")
        else:
            _clean_text()(rest.decode("utf-8", "replace"))
    except BadInput:
        pass


def _fuzz_main() -> None:
    """atheris entry point: instrument ``cleaners`` and fuzz with libFuzzer's own arguments."""
    import atheris

    with atheris.instrument_imports(include=["cleaners"]):
        import cleaners.clean  # noqa: F401
    atheris.Setup(sys.argv, _fuzz_one)
    atheris.Fuzz()


def test_atheris_bounded_fuzz_run(tmp_path: Path) -> None:
    """A bounded libFuzzer run: FUZZ_RUNS inputs, each under 5 s and 1.5 GB, no crash."""
    try:
        import atheris  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("atheris is not installed (it ships wheels for this Python only up to 3.0.0)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, seed in enumerate(SEEDS):
        (corpus / f"seed{n}").write_bytes(bytes([n]) + seed.encode())
    proc = subprocess.run(
        [sys.executable, "-m", "tests.cleaners.test_fuzz", str(corpus), f"-runs={FUZZ_RUNS}",
         f"-max_total_time={FUZZ_SECONDS}", "-timeout=5", "-rss_limit_mb=1536",
         "-max_len=20000", "-seed=20250903", f"-artifact_prefix={tmp_path}/"],
        cwd=REPO, capture_output=True, text=True, timeout=FUZZ_SECONDS + 60,
        env=dict(os.environ, PYTHONPATH=str(REPO)))
    tail = proc.stderr[-3000:]
    assert proc.returncode == 0, tail
    assert re.search(r"Done \d+ runs", proc.stderr), tail


if __name__ == "__main__":
    _fuzz_main()
