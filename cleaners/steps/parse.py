"""Parse step: bytes or text -> one lxml HTML tree, or ``BadInput`` with the reason.

Charset precedence follows the HTML standard: byte-order mark, then the HTTP hint, then
``<meta charset>``, then strict UTF-8, then charset detection. Input is rejected when it is
empty, binary, undecodable or over the size limit; subtrees nested deeper than libxml2
parses are cut (with a warning), and the page is rejected only when nothing is left.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import lxml.html
from lxml.html import HtmlElement

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.exceptions import BadInput
from cleaners.report import CleaningReport
from cleaners.steps.limits import cut_deep_subtrees
from cleaners.steps.text_nodes import text_of

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Binary formats recognised by their first bytes (gzip, zip, PDF, PNG, JPEG, GIF, WebP/RIFF).
_MAGIC: Final = (b"\x1f\x8b", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_XML_DECL: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# WHATWG: these labels mean windows-1252 in browsers.
_CODEC_ALIASES: Final = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
# Single-byte labels that UTF-8 bytes are most often mislabelled with.
_SINGLE_BYTE: Final = frozenset({"cp1252", "iso8859-15", "cp1250", "iso8859-2"})
# A well-formed multi-byte UTF-8 sequence, and the share of a page's non-ASCII bytes that must
# be such sequences for invalid UTF-8 to be read as mixed: a UTF-8 template around text
# stored as windows-1252 (an old database, a pasted snippet). Text in a single-byte charset
# almost never forms these sequences (about 0.4 of the bytes of a GB2312 page do, and 0 of
# German or French windows-1252 text); mixed pages run above 0.95.
_UTF8_SEQUENCE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_NON_ASCII: Final = re.compile(rb"[\x80-\xff]")
_MIXED_MIN_UTF8_SHARE: Final = 0.8
_STRAY_BYTES: Final = "newsclean-stray-cp1252"


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode error handler: the bytes that are not UTF-8 as windows-1252 (latin-1 for the
    five bytes windows-1252 leaves undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in chunk), exc.end


codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)
# C0 controls other than tab, newline, carriage return, form feed and escape.
_CONTROL_S: Final = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_CONTROL_B: Final = re.compile(b"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_NUL_S: Final = "\x00"
_NUL_B: Final = b"\x00"
_DEPTH_ERROR: Final = "Excessive depth"


def _codec(label: str | bytes | None) -> str | None:
    """The Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _CODEC_ALIASES.get(name, name)


def _check_binary(data: bytes | str, source: str | None, cfg: CleanConfig) -> None:
    """Raise BadInput("binary ...") for NUL bytes, known binary magic or many control characters."""
    head = data[: cfg.binary_sniff_bytes]
    if isinstance(head, bytes) and head.startswith(_MAGIC):
        raise BadInput("binary content (not HTML or text)", source)
    nul, control = (_NUL_B, _CONTROL_B) if isinstance(head, bytes) else (_NUL_S, _CONTROL_S)
    if nul in head:
        raise BadInput("binary content (NUL bytes)", source)
    controls = len(control.findall(head))
    if head and controls / len(head) > cfg.max_control_ratio:
        raise BadInput(f"binary content ({controls} control characters in {len(head)})", source)


def _mixed_utf8(data: bytes) -> str | None:
    """Invalid UTF-8 that is mostly UTF-8 (see ``_MIXED_MIN_UTF8_SHARE``), decoded with its
    stray bytes as windows-1252 ("für" in both halves of the page, not "fÃ¼r" in one of
    them); None for anything else."""
    non_ascii = len(_NON_ASCII.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if not non_ascii or in_sequences < _MIXED_MIN_UTF8_SHARE * non_ascii:
        return None
    return data.decode("utf-8", errors=_STRAY_BYTES)


def _unless_contradicted(data: bytes, declared: str) -> str:
    """The declared codec, unless the bytes prove the usual mislabel (UTF-8 <-> windows-1252)."""
    if declared == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("cp1252")
                return "cp1252"  # not UTF-8 at all, but valid windows-1252
            except UnicodeDecodeError:
                return declared
    elif declared in _SINGLE_BYTE and not data.isascii():
        try:
            data.decode("utf-8")
            return "utf-8"  # multi-byte UTF-8 sequences, labelled as a single-byte charset
        except UnicodeDecodeError:
            pass
    return declared


def _decode_declared(data: bytes, codec: str, cfg: CleanConfig) -> str | None:
    """Decode with a declared codec; None when the result is mostly replacement characters."""
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad and bad / max(len(text), 1) > cfg.max_replacement_ratio:
        return None
    return text


def _detect(data: bytes) -> str | None:
    """Best-effort charset detection for undeclared, non-UTF-8 input."""
    from charset_normalizer import from_bytes  # trafilatura's own dependency

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        return None
    return data.decode(best.encoding, errors="replace")


def decode_bytes(
    data: bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
    cfg: CleanConfig = DEFAULT_CONFIG,
) -> str:
    """Bytes -> text: BOM, HTTP hint, meta charset, UTF-8, detection; BadInput when undecodable."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise BadInput(
                    f"undecodable: invalid {codec} after byte-order mark", source
                ) from exc
    _check_binary(data, source, cfg)
    match = _META_CHARSET.search(data[:4096])
    declared = _codec(encoding) or _codec(match.group(1) if match else None)
    if declared in (None, "utf-8"):
        try:
            return data.decode("utf-8")  # the usual case: decoded once
        except UnicodeDecodeError:
            if (mixed := _mixed_utf8(data)) is not None:
                return mixed
    if declared:
        text = _decode_declared(data, _unless_contradicted(data, declared), cfg)
        if text is not None:
            return text
        if declared != "utf-8":  # a single-byte label on UTF-8 that failed as declared
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
    text = _detect(data)
    if text is None:
        what = f"declared {declared} but" if declared else "no charset declared and"
        raise BadInput(f"undecodable: {what} the bytes are not valid text", source)
    return text


def check_text(text: str, *, source: str | None = None, cfg: CleanConfig = DEFAULT_CONFIG) -> str:
    """Reject empty, oversized or binary text; return it unchanged otherwise."""
    if len(text) > cfg.max_input_bytes:
        raise BadInput(f"too large: {len(text)} characters > limit {cfg.max_input_bytes}", source)
    if not text.strip():
        raise BadInput("empty input", source)
    _check_binary(text, source, cfg)
    return text


def read_input(
    data: bytes | str,
    *,
    source: str | None = None,
    encoding: str | None = None,
    cfg: CleanConfig = DEFAULT_CONFIG,
) -> str:
    """Size-check and decode raw input into checked text."""
    if isinstance(data, bytes):
        if len(data) > cfg.max_input_bytes:
            raise BadInput(f"too large: {len(data)} bytes > limit {cfg.max_input_bytes}", source)
        if not data.strip():
            raise BadInput("empty input", source)
        data = decode_bytes(data, source=source, encoding=encoding, cfg=cfg)
    return check_text(data, source=source, cfg=cfg)


class PageElement(HtmlElement):
    """An element of a page we parse: an ``HtmlElement`` whose ``text_content`` asks the
    serialiser for the text (``text_nodes.text_of``, the same string) instead of setting up
    an XPath evaluation per call. trafilatura and htmldate call it on their copies of our
    trees (link density tests, element texts) several thousand times a page."""

    def text_content(self) -> str:
        return text_of(self)


def _class_lookup() -> lxml.etree.ElementNamespaceClassLookup:
    """Our pages' element classes, chosen in C.

    ``lxml.html.HTMLParser`` picks its classes by a Python method, called for every element
    proxy made (our steps, and trafilatura and htmldate on their copies of the tree, make a
    million per hundred pages). This gives lxml.html's classes for the lower-case,
    namespace-free tags an HTML parser makes (``<form>``, ``<input>``... their own, comments
    ``HtmlComment``), save that every other element is a ``PageElement`` (an ``HtmlElement``).
    """
    lookup = lxml.etree.ElementNamespaceClassLookup(
        lxml.etree.ElementDefaultClassLookup(
            element=PageElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    return lookup


_CLASS_LOOKUP: Final = _class_lookup()


def _new_parser() -> lxml.html.HTMLParser:
    """A fresh lxml HTML parser (one per call: parsers carry an error log)."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    parser.set_element_class_lookup(_CLASS_LOOKUP)
    return parser


def new_document(markup: str = "<html><body></body></html>") -> HtmlElement:
    """A document of ``markup`` parsed as a page is (its elements' classes chosen in C): the
    steps build the smaller documents they hand to trafilatura with it, so its walks over
    them make their proxies as cheaply as over the page's own tree."""
    return lxml.html.document_fromstring(markup.encode("utf-8"), parser=_new_parser())


def _parse(text: str, source: str | None) -> tuple[HtmlElement, bool]:
    """The tree of ``text`` and whether libxml2 stopped at its depth limit."""
    parser = _new_parser()
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise BadInput(f"not parseable as HTML ({exc})", source) from exc
    return tree, any(_DEPTH_ERROR in err.message for err in parser.error_log)


def parse_html(
    data: bytes | str,
    *,
    source: str | None = None,
    encoding: str | None = None,
    cfg: CleanConfig = DEFAULT_CONFIG,
    report: CleaningReport | None = None,
) -> HtmlElement:
    """Raw page -> lxml tree; raises BadInput for unusable input.

    A page nested deeper than libxml2 parses loses its too-deep subtrees
    (``limits.cut_deep_subtrees``) with a warning in ``report``; it is refused as too deeply
    nested only when that leaves no text (the article itself sat that deep) or does not help.
    """
    text = _XML_DECL.sub("", read_input(data, source=source, encoding=encoding, cfg=cfg), count=1)
    tree, too_deep = _parse(text, source)
    if too_deep:
        text, cuts = cut_deep_subtrees(text, cfg.deep_cut_depth)
        tree, too_deep = _parse(text, source)
        if too_deep or not _has_text(tree):
            raise too_deeply_nested(source, cfg)
        if report is not None:
            report.deep_cuts += cuts
            report.warn(
                f"cut {cuts} subtree(s) nested deeper than {cfg.deep_cut_depth} levels "
                f"(the parser stops at {cfg.max_depth})"
            )
    if not _has_text(tree):
        raise BadInput("no text in the document", source)
    return tree


def too_deeply_nested(source: str | None, cfg: CleanConfig = DEFAULT_CONFIG) -> BadInput:
    """The rejection of a page whose text sits deeper than the parser reads."""
    return BadInput(f"too deeply nested: more than {cfg.max_depth} levels of elements", source)


def _has_text(tree: HtmlElement) -> bool:
    return any(t.strip() for t in tree.itertext())  # stops at the first real text
