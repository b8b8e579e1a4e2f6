"""The claims of SECURITY.md that a unit-sized test can prove (the crawl-wide ones are in
``test_fault_crawl.py``). Each test name is quoted in SECURITY.md next to its claim.
"""

from __future__ import annotations

import ast
import configparser
import re
import subprocess
import time
from pathlib import Path
from typing import Final

import pytest
from scrapy.settings import Settings

from cleaners.clean import clean_html, clean_text
from crawler.discovery.xmldoc import parse_xml
from crawler.exceptions import DiscoveryError
from crawler.extensions.redact import redact
from tests.support import faultsite as site
from tests.support.faultserver import FaultServer
from tests.support.scrapyproc import REPO, news_crawl_cmd, scrapy_env

CODE_DIRS: Final = ("cleaners", "crawler")
TEMPLATE_ENGINES: Final = frozenset({"jinja2", "mako", "chevron", "pystache", "django", "tornado",
                                     "genshi", "cheetah", "string"})
EVALUATORS: Final = frozenset({"eval", "exec", "compile", "__import__"})
UNSAFE_XML: Final = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers.expat", "lxml.objectify")
SSTI: Final = (
    "{{ 7*7 }}", "{{7*'7'}}", "${7*7}", "<%= 7*7 %>", "#{7*7}", "{{ config.items() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{% for x in range(3) %}x{% endfor %}",
    "@{{ 7*7 }}", "{!! 7*7 !!}", "<< 7*7 >>", "[[ 7*7 ]]",
)


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text("utf-8"))) for d in CODE_DIRS
            for p in sorted((REPO / d).rglob("*.py"))]


def _imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.update({node.module, *(f"{node.module}.{a.name}" for a in node.names)})
    return names


def test_templates_are_never_evaluated() -> None:
    """Template and SSTI payloads in a page come out as text or are cut, never as results."""
    paras = "".join(f"<p>Readers sent {html_escape(p)} in a comment about the budget.</p>"
                    for p in SSTI)
    page = ("<html><body><article><h1>Payloads</h1><p>The council met on Tuesday to discuss "
            f"the budget for the coming year and the bridge.</p>{paras}</article></body></html>")
    for record in (clean_html(page, url="https://example.org/a"), clean_text(
            "Payloads\n\n" + "\n\n".join(f"Readers sent {p} here." for p in SSTI))):
        text = " ".join((record["title"], record["text"], repr(record["cleaning"])))
        assert not re.search(r"\b49\b", text) and "7777777" not in text
        assert "<class" not in text and "object at 0x" not in text and "dict_items" not in text


def html_escape(text: str) -> str:
    """Minimal HTML escaping for the payload page."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_no_template_engine_and_no_eval_in_the_code() -> None:
    """No template engine is imported and eval/exec/compile are never called in our code."""
    for path, tree in _modules():
        roots = {name.split(".")[0] for name in _imports(tree)}
        assert not roots & TEMPLATE_ENGINES, (path, roots & TEMPLATE_ENGINES)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in EVALUATORS, (path, node.lineno, node.func.id)


def test_every_xml_parser_is_built_without_entities_or_network() -> None:
    """Every lxml XMLParser(...) says resolve_entities=False and no_network=True; no stdlib xml."""
    found = 0
    for path, tree in _modules():
        assert not any(n.startswith(UNSAFE_XML) for n in _imports(tree)), path
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "XMLParser":
                kw = {k.arg: getattr(k.value, "value", None) for k in node.keywords}
                assert kw.get("resolve_entities") is False, (path, node.lineno)
                assert kw.get("no_network") is True, (path, node.lineno)
                assert kw.get("huge_tree", False) is False, (path, node.lineno)
                found += 1
    assert found >= 1


def test_xml_parser_resolves_no_entity_and_never_calls_out() -> None:
    """XXE (file and http entities, remote DTD) and a billion-laughs bomb: inert and fast."""
    with FaultServer() as server:
        started = time.monotonic()
        docs = (site.xxe_sitemap(server.url), site.billion_laughs_sitemap(server.url),
                site.feed_xml(server.url, hostile=True))
        texts = []
        for doc in docs:
            try:
                root = parse_xml(doc.encode(), server.url)
            except DiscoveryError:
                continue
            texts.append("".join(root.itertext()))
        assert time.monotonic() - started < 2
        hits = [h.path for h in server.hits]
    assert hits == []  # neither the entity nor the DTD was fetched
    for text in texts:
        assert site.PASSWD_MARK not in text
        assert "lollollol" not in text


def test_start_urls_of_other_schemes_are_refused(tmp_path: Path) -> None:
    """`-a url=file:///etc/passwd` reads nothing: no record, no passwd text anywhere."""
    out = tmp_path / "output"
    proc = subprocess.run(news_crawl_cmd("file:///etc/passwd", {"LOG_LEVEL": "DEBUG"}), cwd=REPO,
                          env=scrapy_env(output=out), capture_output=True, text=True, timeout=60)
    assert site.PASSWD_MARK not in proc.stdout + proc.stderr
    if out.exists():
        for path in out.rglob("*"):
            assert not path.is_file() or site.PASSWD_MARK.encode() not in path.read_bytes()


def test_shipped_settings_are_the_safe_ones() -> None:
    """robots.txt obeyed, telnet and remote control off, size caps on, scheme guard installed."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert 0 < settings.getint("DOWNLOAD_MAXSIZE") <= 10 * 1024 * 1024
    assert 0 < settings.getint("DOWNLOAD_WARNSIZE") <= settings.getint("DOWNLOAD_MAXSIZE")
    assert settings.getbool("COMPRESSION_ENABLED")  # so the cap also bounds decompression
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert "crawler.middlewares.schemes.SchemeGuardMiddleware" in middlewares
    assert "crawler.extensions.redact.RedactSecrets" in settings.getdict("EXTENSIONS")


def test_scrapyd_examples_are_loopback_and_authenticated() -> None:
    """deploy/scrapyd.conf binds 127.0.0.1 with a user and password; deploy targets are local
    and take the password from the environment; cron passes credentials by netrc file."""
    conf = configparser.ConfigParser()
    conf.read(REPO / "deploy" / "scrapyd.conf")
    assert conf["scrapyd"]["bind_address"] == "127.0.0.1"
    assert conf["scrapyd"]["username"] and conf["scrapyd"]["password"]
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(REPO / "scrapy.cfg")
    targets = [s for s in cfg.sections() if s.startswith("deploy")]
    assert targets
    for section in targets:
        assert cfg[section]["url"].startswith(("http://127.0.0.1", "http://localhost"))
        assert cfg[section].get("password", "").startswith("${"), section
    for path in (REPO / "deploy").glob("*"):
        text = path.read_text("utf-8")
        assert " -u " not in text and "--user " not in text, path  # no credentials in argv


@pytest.mark.parametrize(("line", "secret"), [
    ("{'HTTPAUTH_PASS': 'hunter2', 'LOG_LEVEL': 'INFO'}", "hunter2"),
    ("Connecting to redis://:hunter2@127.0.0.1:6379/0", "hunter2"),
    ("Crawled (200) <GET http://user:hunter2@example.org/a>", "hunter2"),
    ("env REDIS_PASSWORD=hunter2 started", "hunter2"),
    ("{b'Authorization': [b'Basic dXNlcjpodW50ZXIy']}", "dXNlcjpodW50ZXIy"),
    ("'api_token': \"hunter2\"", "hunter2"),
])
def test_log_redaction_masks_secrets(line: str, secret: str) -> None:
    """Passwords, tokens and URL credentials become *** in every log line."""
    assert secret not in redact(line)
    assert "***" in redact(line)


def test_redacting_filter_rewrites_records_and_tolerates_bad_ones() -> None:
    """The handler filter masks formatted messages and never drops or breaks a record."""
    import logging

    from crawler.extensions.redact import RedactingFilter

    good = logging.LogRecord("x", logging.INFO, __file__, 1, "auth %s", ("redis://:pw1@h/0",), None)
    bad = logging.LogRecord("x", logging.INFO, __file__, 1, "two %s %s", ("one",), None)
    assert RedactingFilter().filter(good) and good.getMessage() == "auth redis://:***@h/0"
    assert RedactingFilter().filter(bad)
