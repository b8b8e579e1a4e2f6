"""Find template tokens in plain text and cut them out: pure string logic, no tree.

Used by ``cleaners.steps.strip_templates`` for element text and tails and for plain-text
paragraphs. Rules (regexes, thresholds) live in ``cleaners.rules.templates``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cleaners.rules import templates as rules

_CLOSING = frozenset(",.;:!?)]}»”’…%")
_OPENING = frozenset("([{«“‘")
_EMPTY_PAIRS = frozenset(("()", "[]", "{}", "‘’", "“”", "«»", "„“", "„”"))
_OPENERS = frozenset(pair[0] for pair in _EMPTY_PAIRS)


@dataclass(frozen=True, slots=True)
class Token:
    """One template token: its span in the text, its syntax name and how its body was judged."""

    start: int
    end: int
    syntax: str
    rule: str  # the syntax's rule: always | strong | ident | wikiish | weak | key


@dataclass(frozen=True, slots=True)
class Measure:
    """How much of a text is tokens and how much is plain residue."""

    tokens: int
    tok_chars: int  # non-space characters inside tokens
    res_chars: int  # non-space characters outside tokens
    res_words: int  # words outside tokens


_Found = tuple[int, int, int, rules.Syntax]  # start, priority, end, syntax


def find_tokens(text: str) -> list[Token]:
    """All template-token candidates in ``text``, left to right, none overlapping.

    Bare keys (rule ``key``) are candidates only: ``supported_tokens`` keeps those with
    evidence.
    """
    if not text or rules.PRECHECK_RE.search(text) is None:
        return []
    found: list[_Found] = []
    for priority, syntax in enumerate(rules.TOKEN_SYNTAXES):
        if _may_occur(text, syntax):
            found.extend(_matches(text, priority, syntax))
    return _first_wins(found)


def _may_occur(text: str, syntax: rules.Syntax) -> bool:
    """Cheap literal tests before the syntax's regex runs over the text."""
    if syntax.needle not in text:
        return False
    return syntax.trigger is None or syntax.trigger.search(text) is not None


def _matches(text: str, priority: int, syntax: rules.Syntax) -> Iterator[_Found]:
    """The syntax's matches whose body passes its rule, absorbed prefix included."""
    has_body = "body" in syntax.pattern.groupindex
    for m in syntax.pattern.finditer(text):
        start = m.start()
        if start and syntax.not_after:
            before = text[start - 1]
            if before.isalnum() or before in syntax.not_after:
                continue
        if not _body_is_artefact(syntax.rule, m.group("body") if has_body else None):
            continue
        if start and syntax.absorb and text[start - 1] == syntax.absorb:
            start -= 1
        yield start, priority, m.end(), syntax


def _first_wins(found: list[_Found]) -> list[Token]:
    """Overlapping matches resolved: the earliest start wins, then the first syntax listed."""
    if len(found) > 1:
        found.sort(key=lambda f: f[:3])
    tokens: list[Token] = []
    for start, _priority, end, syntax in found:
        if not tokens or start >= tokens[-1].end:
            tokens.append(Token(start, end, syntax.name, syntax.rule))
    return tokens


def supported_tokens(
    text: str,
    tokens: Sequence[Token],
    *,
    page_evidence: bool = False,
    scopes: Sequence[tuple[int, int]] = (),
    outside_words: int = 0,
) -> list[Token]:
    """``tokens`` without the bare keys that lack evidence (``cleaners.rules.templates``).

    ``text`` is one run (a plain-text paragraph, or an element's inline run); ``scopes`` are
    the spans of the inline wrappers inside it that count as a key's own element (nested or
    disjoint); ``outside_words`` the words the run's element shows outside the run, besides
    tokens. A key stands alone when its innermost scope, else the run and ``outside_words``,
    holds at most ``KEY_ALONE_MAX_WORDS`` words besides tokens.
    """
    if page_evidence or any(t.rule != "key" for t in tokens):
        return list(tokens)  # another kind of token in the run: the keys are part of its widget
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    words: dict[tuple[int, int], int] = {}  # residue words by scope, each counted once
    kept: list[Token] = []
    for i, (token, scope) in enumerate(zip(tokens, _innermost_scopes(tokens, scopes), strict=True)):
        if _has_neighbour(text, tokens, i):
            kept.append(token)
            continue
        span = scope or (0, len(text))
        if span not in words:
            inside = tokens[bisect_left(starts, span[0]) : bisect_right(ends, span[1])]
            words[span] = residue_words(text, inside, *span) + (0 if scope else outside_words)
        if words[span] <= rules.KEY_ALONE_MAX_WORDS:
            kept.append(token)
    return kept


def _has_neighbour(text: str, tokens: Sequence[Token], i: int) -> bool:
    """True when another token sits right before or after token ``i`` (whitespace between)."""
    gap = rules.KEY_NEIGHBOUR_GAP_RE.fullmatch
    before = i > 0 and gap(text, tokens[i - 1].end, tokens[i].start) is not None
    after = i + 1 < len(tokens) and gap(text, tokens[i].end, tokens[i + 1].start) is not None
    return before or after


def _innermost_scopes(
    tokens: Sequence[Token], scopes: Sequence[tuple[int, int]]
) -> list[tuple[int, int] | None]:
    """For each token, the innermost scope holding it whole, or None: one sweep, both in order.

    Scopes are nested or disjoint, so the open scopes form a stack, innermost on top.
    """
    order = sorted(scopes, key=lambda s: (s[0], -s[1]))
    stack: list[tuple[int, int]] = []
    found: list[tuple[int, int] | None] = []
    k = 0
    for token in tokens:
        while k < len(order) and order[k][0] <= token.start:
            stack.append(order[k])
            k += 1
        while stack and stack[-1][1] < token.end:
            stack.pop()  # ended before the token does: holds neither it nor any later token
        found.append(stack[-1] if stack else None)
    return found


def residue_words(text: str, tokens: Sequence[Token], start: int, end: int) -> int:
    """Words of ``text[start:end]`` outside the tokens that lie wholly inside that span."""
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    parts: list[str] = []
    pos = start
    for t in inside:
        parts.append(text[pos : t.start])
        pos = t.end
    parts.append(text[pos:end])
    return len(rules.WORD_RE.findall(" ".join(parts)))


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
    return "".join(cut_parts(left, right))


def join_all_around_cuts(parts: Sequence[str]) -> str:
    """``join_around_cut`` folded over ``parts`` left to right, in linear time.

    A join only changes the end of the text joined so far: its trailing spaces and opening
    brackets, and the character before them. The rest is set aside untouched.
    """
    done: list[str] = []
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = join_around_cut(text, part)
        loose = len(text) - _loose_end(text)
        if loose > 0:
            done.append(text[:loose])
            text = text[loose:]
    return "".join(done) + text


def _loose_end(text: str) -> int:
    """Length of the end of ``text`` a later join may change (see ``join_all_around_cuts``)."""
    k = len(text)
    while k and (text[k - 1].isspace() or text[k - 1] in _OPENERS):
        k -= 1
    return len(text) - max(k - 1, 0)


def cut_parts(left: str, right: str) -> tuple[str, str, str]:
    """What ``join_around_cut`` keeps: a prefix of ``left``, a separator, a suffix of ``right``.

    Kept apart so that a cut spanning several text nodes can give each node its part.
    """
    lhs, rhs = left.rstrip(), right.lstrip()
    space_right = len(rhs) != len(right)
    spaced = space_right or len(lhs) != len(left)
    if lhs and rhs and lhs[-1] + rhs[0] in _EMPTY_PAIRS:  # "Lees ({{ x }}) verder"
        return cut_parts(lhs[:-1], " " + rhs[1:] if spaced else rhs[1:])
    glued = bool(rhs) and rhs[0] in _CLOSING and not space_right
    if not lhs or not rhs:  # segment edge: keep one space so neighbours do not glue
        if glued or not spaced:
            return lhs, "", rhs
        return lhs, " ", rhs
    if not spaced or glued or lhs[-1] in _OPENING:
        return lhs, "", rhs
    return lhs, " ", rhs


def cut_spans(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The spans to cut: tokens separated only by whitespace go as one span."""
    spans: list[list[int]] = []
    for t in tokens:
        if spans and not text[spans[-1][1] : t.start].strip():
            spans[-1][1] = t.end
        else:
            spans.append([t.start, t.end])
    return [(start, end) for start, end in spans]


def cut_tokens(text: str, tokens: Sequence[Token]) -> str:
    """``text`` with the tokens cut out and the whitespace around each cut tidied."""
    for start, end in reversed(cut_spans(text, tokens)):
        text = join_around_cut(text[:start], text[end:])
    return text
