"""Find template tokens in plain text and cut them out: pure string logic, no tree.

Used by ``cleaners.steps.strip_templates`` for element text and tails and for plain-text
paragraphs. Rules (regexes, thresholds) live in ``cleaners.rules.templates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaners.rules import templates as rules

_CLOSING = frozenset(",.;:!?)]}»”’…%")
_OPENING = frozenset("([{«“‘")
_EMPTY_PAIRS = frozenset(("()", "[]", "{}", "‘’", "“”", "«»", "„“", "„”"))


@dataclass(frozen=True, slots=True)
class Token:
    """One template token: its span in the text and its syntax name."""

    start: int
    end: int
    syntax: str


@dataclass(frozen=True, slots=True)
class Measure:
    """How much of a text is tokens and how much is plain residue."""

    tokens: int
    tok_chars: int  # non-space characters inside tokens
    res_chars: int  # non-space characters outside tokens
    res_words: int  # words outside tokens


def find_tokens(text: str) -> list[Token]:
    """All template tokens in ``text``, left to right, none overlapping."""
    if not text or rules.PRECHECK_RE.search(text) is None:
        return []
    found: list[tuple[int, int, int, str]] = []  # start, priority, end, name
    for priority, syntax in enumerate(rules.TOKEN_SYNTAXES):
        if syntax.needle not in text:
            continue
        if syntax.trigger is not None and syntax.trigger.search(text) is None:
            continue
        for m in syntax.pattern.finditer(text):
            start = m.start()
            if start and syntax.not_after:
                before = text[start - 1]
                if before.isalnum() or before in syntax.not_after:
                    continue
            if not _body_is_artefact(
                syntax.rule, m.group("body") if "body" in m.re.groupindex else None
            ):
                continue
            if start and syntax.absorb and text[start - 1] == syntax.absorb:
                start -= 1
            found.append((start, priority, m.end(), syntax.name))
    if len(found) > 1:
        found.sort()
    tokens: list[Token] = []
    for start, _priority, end, name in found:
        if not tokens or start >= tokens[-1].end:
            tokens.append(Token(start, end, name))
    return tokens


def has_code_signal(body: str, *, camel: bool = True) -> bool:
    """True when a body (string literals emptied) holds something only code writes."""
    if rules.CODE_SIGNAL_RE.search(body):
        return True
    for m in rules.DOTTED_PATH_RE.finditer(body):
        segments = m.group().replace("->", ".").split(".")
        if max(len(s) for s in segments) >= 2:
            return True
    return camel and rules.CAMEL_CASE_RE.search(body) is not None


def reads_as_prose(body: str) -> bool:
    """True when a body (string literals emptied) reads as words rather than code."""
    words = rules.LETTER_WORD_RE.findall(body)
    if not words:
        return False
    if rules.NON_ASCII_LETTER_RE.search(body):
        return True
    if words[0].lower() in rules.TEMPLATE_KEYWORDS:
        return False
    if len(words) >= 2 and len(rules.WORD_RE.findall(body)) >= 3:
        return True
    return rules.PROSE_PUNCT_RE.search(body) is not None


def looks_like_i18n_key(key: str) -> bool:
    """True for ``customs.buttons.signup``; false for hosts, file names, abbreviations."""
    segments = key.split(".")
    if min(len(s) for s in segments) < rules.KEY_MIN_SEGMENT:
        return False
    first, last = segments[0], segments[-1]
    if last in rules.TLDS or last in rules.FILE_EXTENSIONS or len(last) == 2:
        return False
    if first in rules.TLDS or first in rules.CODE_ROOTS:
        return False
    return len(segments) >= 3 or "_" in key


def _body_is_artefact(rule: str, body: str | None) -> bool:
    if rule == "always" or body is None:
        return True
    if rule == "key":
        return looks_like_i18n_key(body)
    code = rules.STRING_LITERAL_RE.sub('""', body).strip()
    if rule == "strong":
        return (
            not code
            or code[0] in rules.HANDLEBARS_SIGILS
            or has_code_signal(code)
            or rules.OPERATOR_RE.search(code) is not None
            or not reads_as_prose(code)
        )
    if rule == "ident":
        return rules.IDENTIFIER_RE.search(code) is not None and (
            has_code_signal(code) or not reads_as_prose(code)
        )
    if rule == "wikiish":
        return has_code_signal(code) or rules.LOWER_IDENTIFIER_RE.fullmatch(code) is not None
    # "weak": << >> is also prose punctuation (and C++ shifts): one expression with a clear
    # code signal counts, nothing else.
    return rules.SINGLE_EXPRESSION_RE.fullmatch(
        rules.CALL_ARGS_RE.sub("()", code)
    ) is not None and has_code_signal(code, camel=False)


def _non_space(text: str) -> int:
    return len("".join(text.split()))


def measure(text: str, tokens: Sequence[Token]) -> Measure:
    """Token and residue sizes of ``text`` given its tokens."""
    if not tokens:
        return Measure(0, 0, _non_space(text), len(rules.WORD_RE.findall(text)))
    tok_chars = 0
    residue: list[str] = []
    pos = 0
    for t in tokens:
        residue.append(text[pos : t.start])
        tok_chars += _non_space(text[t.start : t.end])
        pos = t.end
    residue.append(text[pos:])
    rest = " ".join(residue)
    return Measure(len(tokens), tok_chars, _non_space(rest), len(rules.WORD_RE.findall(rest)))


def is_artefact_block(m: Measure) -> bool:
    """True when a block's text is mostly tokens: remove it whole with its residue.

    Mostly means: no words left, or a short residue (``RESIDUE_MAX_WORDS``) that is either
    outnumbered by the tokens or, with two tokens or more, smaller than their share
    (``TOKEN_SHARE_MIN`` of visible characters). One long token in a five-word sentence
    ("Klik op customs.buttons.signup om te beginnen.") is cut inline instead.
    """
    if m.tokens == 0:
        return False
    if m.res_words == 0:
        return True
    if m.res_words > rules.RESIDUE_MAX_WORDS:
        return False
    share = m.tok_chars / max(1, m.tok_chars + m.res_chars)
    return m.tokens >= m.res_words or (m.tokens >= 2 and share >= rules.TOKEN_SHARE_MIN)


def join_around_cut(left: str, right: str) -> str:
    """Join the text around a cut token: one space at most, none before glued punctuation.

    Punctuation that followed the token directly ("{{ x }}.") closes up; punctuation set
    off by a space, as French writes it ("{{ x }} ?"), keeps its space.
    """
    lhs, rhs = left.rstrip(), right.lstrip()
    space_right = len(rhs) != len(right)
    spaced = space_right or len(lhs) != len(left)
    if lhs and rhs and lhs[-1] + rhs[0] in _EMPTY_PAIRS:  # "Lees ({{ x }}) verder"
        return join_around_cut(lhs[:-1], " " + rhs[1:] if spaced else rhs[1:])
    glued = bool(rhs) and rhs[0] in _CLOSING and not space_right
    if not lhs or not rhs:  # segment edge: keep one space so neighbours do not glue
        if glued or not spaced:
            return lhs + rhs
        return f"{lhs} " if lhs else f" {rhs}" if rhs else " "
    if not spaced or glued or lhs[-1] in _OPENING:
        return lhs + rhs
    return lhs + " " + rhs


def cut_tokens(text: str, tokens: Sequence[Token]) -> str:
    """``text`` with the tokens cut out and the whitespace around each cut tidied."""
    spans: list[list[int]] = []
    for t in tokens:  # merge tokens separated only by whitespace
        if spans and not text[spans[-1][1] : t.start].strip():
            spans[-1][1] = t.end
        else:
            spans.append([t.start, t.end])
    for start, end in reversed(spans):
        text = join_around_cut(text[:start], text[end:])
    return text
