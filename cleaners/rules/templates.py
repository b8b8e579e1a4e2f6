"""Template-artefact rules: token syntaxes, body tests, framework markers, thresholds.

Rules as data, in one place: a new token syntax is one line in ``TOKEN_SYNTAXES``; a new
framework attribute is one word in a tuple. ``cleaners.steps.strip_templates`` holds the
logic. Nothing here is ever evaluated or rendered: regexes and string tests only.

What is inside the delimiters decides. Each syntax names how its body is judged:

- ``always``: the match is code by its shape (``__('x')``, ``@lang('a.b')``, ``{# x #}``,
  Svelte ``{#if x}``, Smarty ``{$x|escape}``, Razor ``@Model.Title``).
- ``strong``: delimiters prose never uses (``{{ }}``, ``{% %}``, ``<%= %>``, ``{!! !!}``):
  an artefact unless the body reads as prose: three or more plain words, or any non-ASCII
  letter, with no code signal and no operator ("{{ Nous sommes prêts }}" stays,
  "{{ hello world }}", "{{ a + b }}" and "{% for item in items %}" go).
- ``ident``: ``${...}``: an identifier inside and not prose (``${price}`` goes; ``${5}``,
  "$5" and a lone "${" stay).
- ``wikiish``: ``[[...]]``: a code signal or one lower-case identifier (``[[title]]``,
  ``[[ share.total ]]``); wiki links ``[[Amsterdam]]``, ``[[Amsterdam Centraal]]``,
  ``[[wiki links]]`` and ``[[1, 2]]`` stay.
- ``weak``: ``<< ... >>`` is also prose (typed guillemets) and C++ (``std::cout << x``):
  only ONE expression (path, call, index, optional filters) with a code signal (a call, a
  ``$var``, a dotted path, an index, a filter, snake_case) is an artefact.
  ``<< trans('a.b') >>`` and ``<< user.name >>`` go; ``<< Nous sommes prêts >>``,
  ``<< title >>`` (one bare word may be a quoted word), ``<< iPhone >>`` and C++ stay.
  Typographic guillemets « » are never template syntax.
- ``key``: a bare dotted i18n key: 3+ lower-case/snake_case segments of 2+ characters
  (``customs.buttons.signup``), or 2 segments when one is snake_case
  (``validation.email_required``). Never when the last segment is a TLD, a two-letter
  country code or a file extension (``example.com``, ``news.bbc.co.uk``, ``report.pdf``),
  the first is a TLD/``www`` or a code root (``window.location.href``), it sits in a URL,
  path or e-mail address, or it is an abbreviation or version (``e.g.``, ``U.S.``,
  ``1.2.3``).

Single braces are never matched, so set and math notation (``{2, 3}``, ``{ x | x > 0 }``)
and JSON in prose are safe by construction. Inside a delimiter, ``| name`` is a filter only
when the name ends the body or is followed by ``|``, ``(`` or ``:`` (``title | upper``,
``value|date:"Y"``); ``x | x > 0`` is not a filter (inside ``{{ }}`` it goes anyway,
because ``>`` is an operator there). Text inside ``<pre>``, ``<code>``, ``<kbd>``,
``<samp>`` and ``<tt>`` is never touched.

Bare keys need evidence. A ``key`` token is an artefact only when, besides its shape:

- the page holds a token of a rule in ``PAGE_EVIDENCE_RULES`` (``{{ x }}``, ``__('x')``...)
  outside code, or its own inline run holds any other non-key token;
- it sits next to another token, with only whitespace between (``a.b.c x.y.z``);
- or it stands (nearly) alone in its element: the element's visible text holds at most
  ``KEY_ALONE_MAX_WORDS`` words besides its tokens, as a label, button or short heading
  does (``<h3>customs.newsletter.header</h3>``, ``<button>customs.buttons.signup</button>``,
  ``<h2>Reactie minister customs.labels.updated</h2>``, a plain-text line of one key). The
  element is the innermost ``KEY_SCOPE_INLINE_TAGS`` wrapper holding the key
  (``<span>customs.footnotes.terms_apply</span>``), else the element owning the run, with
  all its visible text; emphasis (``<em>``, ``<b>``) marks words in prose and is not a scope
  of its own.

A key inside a sentence with none of these stays ("Versions follow the major.minor.patch
scheme", "set server.http.port before the first start"): in prose it is version, config or
code talk. A plain-text paragraph (text input) is its own element and page.

Inline runs: tokens are found in the joined text of an element and its ``INLINE_TAGS``
children (``Sign up {{ <b>trans</b>('a.b') }}``, ``{{ trans('a.<span>b</span>.c') }}``), up to
the next other element, comment or ``<br>``; a cut removes exactly the token's characters
from each text node it spans, and inline elements left empty by a cut go.

Blocks: an element goes whole, residue and all, when its visible text has tokens and at
most ``RESIDUE_MAX_WORDS`` other words, and either the tokens are at least as many as those
words or there are two or more tokens making up ``TOKEN_SHARE_MIN`` of its visible
characters. Never when it holds a token-free run of ``PROSE_PROTECT_WORDS`` words (a real
paragraph), or ``<pre>``/``<code>``; never ``html``/``head``/``body``/``title``.

Widgets: the plain text beside a removed block, in sibling elements of the widget's own
container ("Thanks for signing up! Check your inbox", "Eine Abmeldung ist jederzeit
möglich.", "Welkom terug! Je hebt onbeperkt toegang"), goes with it. The container goes
whole when it holds two removed blocks of visible tokens, or one and a form control, and
besides them only controls and at most ``WIDGET_MAX_LINES`` lines of at most
``WIDGET_LINE_MAX_WORDS`` words (``WIDGET_MAX_WORDS`` in all, nested containers counted);
a longer sibling is an article paragraph and keeps the container. Lists, tables and the
article itself (``WIDGET_STOP_TAGS``) are never widget containers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


def alternation(parts: tuple[str, ...]) -> str:
    """Join regex parts into one non-capturing alternation; refuse an empty group."""
    if not parts:
        raise ValueError("empty alternation would match everything")
    return "(?:" + "|".join(parts) + ")"


def _words(words: tuple[str, ...]) -> str:
    return alternation(tuple(re.escape(w) for w in words))


# --- thresholds ---------------------------------------------------------------------------
RESIDUE_MAX_WORDS: Final = 15  # a block with more plain words than this is never removed whole
TOKEN_SHARE_MIN: Final = 0.5  # tokens must be at least this share of a block's visible chars
PROSE_PROTECT_WORDS: Final = 8  # a token-free text run this long is a real paragraph
BODY_MAX: Final = 300  # characters between delimiters; longer is not one token
# Words besides tokens in an element where a bare key still stands (nearly) alone: a label, a
# button, a short heading; running prose ("Versions follow the a.b.c scheme") has more.
KEY_ALONE_MAX_WORDS: Final = 3

# Widget containers: the smallest ancestors of removed artefact blocks that hold nothing but
# such blocks and short lines (a sign-up confirmation, a consent or error line, a paywall
# greeting) and controls go whole, residue and all. A sibling longer than this is article text:
WIDGET_LINE_MAX_WORDS: Final = RESIDUE_MAX_WORDS
WIDGET_MAX_LINES: Final = 4  # ... and so are more short lines than this (a short article)
WIDGET_MAX_WORDS: Final = 60  # words besides tokens in the whole container
# Containers never taken for a widget: the page, the article, and lists and tables (one
# leaked item in a list is that item's artefact, not the list's).
WIDGET_STOP_TAGS: Final = frozenset(
    ("html", "head", "body", "title", "article", "main", "ul", "ol", "dl", "menu", "table",
     "thead", "tbody", "tfoot", "tr")
)  # fmt: skip
# A widget line is never one of these (the headline of the page, code shown verbatim).
WIDGET_NEVER_LINE_TAGS: Final = frozenset(("h1",))

# --- token syntaxes -----------------------------------------------------------------------
_B = f"{{0,{BODY_MAX}}}?"  # lazy, bounded body quantifier
# Bodies exclude their own delimiter characters ([^{}], [^%]) so that a storm of openers
# without closers costs one step per opener, not BODY_MAX.

GETTEXT_FUNCTIONS: Final = (
    "__", "_e", "_x", "_n", "_t", "_ex", "esc_html__", "esc_html_e", "esc_attr__",
    "esc_attr_e", "gettext", "ngettext", "pgettext", "dgettext", "trans", "trans_choice",
    "$t", "$tc", "i18n.t",
)  # fmt: skip
BLADE_LANG_DIRECTIVES: Final = ("lang", "choice", "trans")
BLADE_CALL_DIRECTIVES: Final = (
    "if", "elseif", "unless", "isset", "empty", "foreach", "forelse", "for", "while",
    "include", "yield", "section", "extends", "push", "stack", "component", "can", "auth",
)  # fmt: skip
BLADE_BARE_DIRECTIVES: Final = (
    "endif", "endunless", "endisset", "endempty", "endforeach", "endforelse", "endfor",
    "endwhile", "endsection", "endpush", "endcomponent", "endcan", "endauth", "csrf",
)  # fmt: skip

SVELTE_BLOCKS: Final = ("if", "else", "each", "await", "then", "catch", "key", "html", "const",
                        "debug", "render", "snippet")  # fmt: skip
RAZOR_ROOTS: Final = ("Model", "ViewBag", "ViewData", "TempData", "Html", "Url", "Localizer")

_STRING = r"""(?:'[^'\n]{0,200}'|"[^"\n]{0,200}")"""
_CALL_ARGS = r"\(\s*" + _STRING + r"\s*(?:,[^()\n]{0,100})?\)"
_OPT_ARGS = r"(?:\([^()\n]{0,200}\))?"
_FILTERS = r"(?:\|[a-z_]\w*(?::[^{}|\n]{0,40})?)*"  # Smarty modifiers: |escape, |date:"Y"


@dataclass(frozen=True, slots=True)
class Syntax:
    """One token syntax: a name, a compiled regex, how its body is judged, where it may start.

    ``pattern`` starts with a literal so that scanning long text stays fast; when it cannot
    (bare calls, bare keys), ``trigger`` is a literal-start regex that must occur in the
    text before ``pattern`` is run at all. ``not_after`` replaces a look-behind: characters
    that must not precede the token. ``absorb`` is a prefix taken into the token when present
    (Blade's ``@{{ x }}``).
    """

    name: str
    needle: str  # a substring every token of this syntax holds: a fast first test
    pattern: re.Pattern[str]
    rule: str  # always | strong | ident | wikiish | weak | key
    trigger: re.Pattern[str] | None = None
    not_after: str = ""
    absorb: str = ""


def _syntax(
    name: str, needle: str, pattern: str, rule: str, trigger: str = "", **kw: str
) -> Syntax:
    compiled = re.compile(trigger) if trigger else None
    return Syntax(name, needle, re.compile(pattern), rule, compiled, **kw)


_KEY_SEGMENT = r"[a-z][a-z0-9_]*+"  # possessive: no backtracking on "a.a.a.a..." storms
# a dot between key segments with a third segment or a snake_case segment ("nos.nl" is not)
_KEY_TRIGGER = r"\.[a-z][a-z0-9_]*[._][a-z0-9]|_[a-z0-9]*\.[a-z]"
_NOT_IN_WORD = "_$."  # plus any alphanumeric, checked with str.isalnum

# In priority order: where two tokens overlap, the one starting first wins, then the first
# listed here.
TOKEN_SYNTAXES: Final = (
    _syntax("blade-raw", "{!!", r"\{!!\s*(?P<body>[^{}]" + _B + r")\s*!!\}", "strong"),
    _syntax("mustache", "{{{", r"\{\{\{\s*(?P<body>[^{}]" + _B + r")\s*\}\}\}", "strong",
            absorb="@"),
    _syntax("mustache", "{{", r"\{\{\s*(?P<body>[^{}]" + _B + r")\s*\}\}", "strong",
            absorb="@"),
    _syntax("jinja-block", "{%", r"\{%-?\s*(?P<body>[^%]" + _B + r")\s*-?%\}", "strong"),
    _syntax("jinja-comment", "{#", r"\{#[\s\S]" + _B + r"#\}", "always"),
    _syntax("erb", "<%", r"<%(?:==|=|-|#)?\s*(?P<body>[^%]" + _B + r")\s*-?%>", "strong"),
    _syntax("guillemet-trans", "<<", r"<<\s*(?P<body>[^<>\n]{1,200}?)\s*>>", "weak"),
    _syntax("js-template", "${", r"\$\{\s*(?P<body>[^{}\n]{1,200}?)\s*\}", "ident"),
    _syntax("double-bracket", "[[", r"\[\[\s*(?P<body>[^\[\]\n]{1,200}?)\s*\]\]", "wikiish"),
    _syntax("blade-lang", "@", "@" + _words(BLADE_LANG_DIRECTIVES) + _CALL_ARGS, "always",
            not_after=_NOT_IN_WORD),
    _syntax("blade-directive", "@",
            "@" + _words(BLADE_CALL_DIRECTIVES) + r"\s?\([^()\n]{0,200}\)", "always",
            not_after=_NOT_IN_WORD),
    _syntax("blade-directive", "@", "@" + _words(BLADE_BARE_DIRECTIVES) + r"\b", "always",
            not_after=_NOT_IN_WORD),
    _syntax("svelte-block", "{", r"\{[#/:@]" + _words(SVELTE_BLOCKS) + r"\b[^{}\n]{0,200}\}",
            "always"),
    _syntax("smarty", "{$", r"\{\$[A-Za-z_][\w.\->\[\]'\"]{0,100}" + _FILTERS + r"\}", "always"),
    _syntax("php-echo", "<?", r"<\?(?:=|php\b)\s*(?P<body>[^?]" + _B + r")\s*\?>", "strong"),
    _syntax("razor", "@", "@" + _words(RAZOR_ROOTS) + r"\.[A-Za-z_][\w.]{0,100}" + _OPT_ARGS,
            "always", not_after=_NOT_IN_WORD),
    _syntax("gettext", "(", _words(GETTEXT_FUNCTIONS) + _CALL_ARGS, "always",
            trigger=r"\(\s*['\"]", not_after=_NOT_IN_WORD),
    _syntax("i18n-key", ".",
            r"(?<![\w.@/:#\\-])"  # a word start: mid-word starts fail at once
            f"(?P<body>{_KEY_SEGMENT}(?:\\.{_KEY_SEGMENT}){{1,6}}+)(?![\\w@/\\\\-]|\\.[A-Za-z0-9])",
            "key", trigger=_KEY_TRIGGER, not_after=_NOT_IN_WORD + "@/:#\\-"),
)  # fmt: skip

# Cheap pre-check, all literal starts: a text without any of these holds no token.
_DELIMITER_STARTS = (
    r"\{\{", r"\{!!", r"\{%", r"\{[#/:@]", r"\{\$", r"<%", r"<\?", r"<<", r"\$\{", r"\[\[",
    "@" + _words(BLADE_LANG_DIRECTIVES + BLADE_CALL_DIRECTIVES + BLADE_BARE_DIRECTIVES
                 + RAZOR_ROOTS),
    r"\(\s*['\"]",
)  # fmt: skip
PRECHECK_RE: Final = re.compile(alternation((*_DELIMITER_STARTS, _KEY_TRIGGER)))
# The same without bare keys: a text node holding one of these may hold the start or end of a
# token split by inline markup (``{{ <b>trans</b>('a.b') }}``), worth a search of the joined
# text. (A bare key split by markup alone on a page is not looked for.)
SPLIT_PRECHECK_RE: Final = re.compile(alternation(_DELIMITER_STARTS))

# --- body tests ---------------------------------------------------------------------------
STRING_LITERAL_RE: Final = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`""")

# Signals that a body is code. Run on the body with string literals emptied.
CODE_SIGNALS: Final = (
    r"[A-Za-z_$][\w$]*\(",  # call: trans(, __(
    r"\$[A-Za-z_]",  # $var
    r"[A-Za-z_$][\w$]*\s*\[[^\]]*\]",  # index: email[0], errors['x']
    r"\|\s*[a-z_]\w*\s*(?:$|\||\(|:)",  # filter: | upper, | trans, | date('Y')
    r"[a-z0-9]_[a-zA-Z0-9]|(?<!\w)_[a-zA-Z]",  # snake_case, _private
    r"===|!==|==|!=|&&|\|\||\?\?|=>|->|::",  # operators prose does not write
)
CODE_SIGNAL_RE: Final = re.compile(alternation(CODE_SIGNALS))
# A dotted path is a signal when one segment has 2+ characters ("e.g" and "U.S" are not).
DOTTED_PATH_RE: Final = re.compile(r"(?<![\w.])[a-z_$][\w$]*(?:(?:\.|->)[A-Za-z_$][\w$]*)+")
# camelCase (subTitle) counts inside {{ }}, ${ } and [[ ]], not inside << >> (iPhone, eBay).
CAMEL_CASE_RE: Final = re.compile(r"(?<!\w)[a-z]+[A-Z]\w*")

# Arithmetic/comparison inside {{ }}, {% %}, <% %>: code ({{ a + b }}), whatever the words.
OPERATOR_RE: Final = re.compile(r"[+*/=<>]")
# << >> bodies must be one expression: a path/call/index with optional filters, no prose.
CALL_ARGS_RE: Final = re.compile(r"\([^()]*\)")
SINGLE_EXPRESSION_RE: Final = re.compile(
    r"[$@]?[A-Za-z_][\w$]*(?:(?:\.|->)[A-Za-z_$][\w$]*|\(\)|\[[^\]]*\])*"  # no ::, C++
    r"(?:\s*\|\s*[a-z_]\w*(?:\(\)|:\S+)?)*"
)
# First words that make a plain-word body a template statement ({% for item in items %}).
TEMPLATE_KEYWORDS: Final = frozenset(
    (
        "if", "elif", "elseif", "else", "endif", "unless", "endunless", "for", "endfor",
        "foreach", "endforeach", "each", "with", "endwith", "block", "endblock", "extends",
        "include", "import", "from", "set", "endset", "macro", "endmacro", "call", "endcall",
        "filter", "endfilter", "trans", "endtrans", "blocktrans", "endblocktrans", "load",
        "url", "static", "csrf_token", "comment", "endcomment", "raw", "endraw", "end",
        "case", "when", "yield", "render", "partial", "lang", "t", "do", "autoescape",
        "endautoescape", "spaceless", "endspaceless", "verbatim", "endverbatim", "now",
        "cycle", "firstof", "empty", "apply", "endapply", "embed", "endembed", "use",
    )
)  # fmt: skip
HANDLEBARS_SIGILS: Final = ("#", "/", ">", "^", "!", "&", "~", "-", "=")

WORD_RE: Final = re.compile(r"\w+")
LETTER_WORD_RE: Final = re.compile(r"[^\W\d_]+")
IDENTIFIER_RE: Final = re.compile(r"[$@]?[A-Za-z_][\w$]*")
LOWER_IDENTIFIER_RE: Final = re.compile(r"[$_a-z][\w$]*")
NON_ASCII_LETTER_RE: Final = re.compile(r"[^\W\d_a-zA-Z]")
PROSE_PUNCT_RE: Final = re.compile(r"[A-Za-z][.!?;,]\s+\S")

# --- bare i18n keys -----------------------------------------------------------------------
# A dotted key is ``seg.seg.seg`` (2+ dots) or ``seg.seg`` with a snake_case segment. These
# last (or first) segments say it is a host, reversed host or file name instead.
TLDS: Final = frozenset(
    (
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "io",
        "ai", "app", "dev", "news", "online", "site", "blog", "shop", "store", "tech", "media",
        "tv", "fm", "me", "co", "eu", "asia", "museum", "amsterdam", "brussels", "berlin",
        "paris", "london", "nyc", "cloud", "page", "live", "world", "today", "press", "email",
        "xyz", "top", "club", "agency", "digital", "network", "social", "art", "frl", "vlaanderen",
        "gent", "wien", "swiss", "africa", "local", "localhost", "onion", "arpa", "www",
        "video", "games", "studio", "space", "works", "zone", "group", "company", "center",
        "global", "gallery", "education", "health", "energy", "finance", "bank", "law",
        "legal", "travel", "design", "photo", "photos", "film", "music", "radio", "events",
        "community", "foundation", "institute", "university", "school", "academy", "city",
        "earth", "green", "eco", "science", "systems", "solutions", "services", "support",
        "team", "tools", "link", "click", "one", "plus", "coop", "aero", "jobs", "mobi",
        "travel", "tel", "cat", "gal", "eus", "scot", "wales", "cymru", "quebec", "nrw",
        "bayern", "hamburg", "koeln", "tirol", "barcelona", "madrid", "istanbul", "tokyo",
    )
)  # fmt: skip
FILE_EXTENSIONS: Final = frozenset(
    (
        "pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "tsv", "xls", "xlsx", "ods", "ppt",
        "pptx", "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "mp3",
        "mp4", "wav", "ogg", "webm", "mov", "avi", "mkv", "zip", "gz", "tgz", "bz2", "xz",
        "rar", "tar", "html", "htm", "xhtml", "php", "asp", "aspx", "jsp", "js", "mjs", "ts",
        "css", "json", "xml", "yml", "yaml", "toml", "ini", "cfg", "py", "rb", "java", "c",
        "h", "cpp", "go", "rs", "sh", "exe", "dmg", "apk", "iso", "epub", "md", "rst", "log",
        "sql", "db", "bak", "tmp", "lock", "min", "map", "woff", "woff2", "ttf", "eot", "ico",
        "out", "dat", "bin", "dll", "so", "img", "msi", "deb", "rpm", "whl", "egg", "jar",
    )
)  # fmt: skip
KEY_MIN_SEGMENT: Final = 2  # "e.g", "u.s" and "a.m" are abbreviations, not keys
# First segments of code written in prose ("window.location.href"), not i18n keys.
CODE_ROOTS: Final = frozenset(
    (
        "window", "document", "console", "process", "navigator", "location", "math", "json",
        "object", "array", "string", "number", "promise", "self", "this", "os", "sys", "np",
        "pd", "django", "flask", "torch", "tf", "java", "javax", "android", "org", "com", "net",
        "www", "mail", "ftp", "import", "module", "exports", "require",
    )
)  # fmt: skip

# Token rules whose presence anywhere on the page (outside code) confirms every bare key.
PAGE_EVIDENCE_RULES: Final = frozenset(("always", "strong"))
# What may separate a key from a neighbouring token for the two to count as one widget.
KEY_NEIGHBOUR_GAP_RE: Final = re.compile(r"\s*")

# --- framework-only elements --------------------------------------------------------------
# Attributes that make an element's content the framework's (shown, repeated or filled at
# run time): the element is removed unless it holds real prose.
VUE_CONTENT_ATTRS: Final = (
    "v-if", "v-else", "v-else-if", "v-show", "v-for", "v-html", "v-text", "v-cloak", "v-slot",
)  # fmt: skip
ANGULAR_CONTENT_ATTRS: Final = (
    "ng-if", "ng-show", "ng-hide", "ng-repeat", "ng-bind", "ng-bind-html", "ng-bind-template",
    "ng-switch-when", "ng-switch-default", "ng-include", "ng-cloak", "ng-view", "ng-messages",
    "ng-message", "ng-app", "ng-controller", "*ngif", "*ngfor", "*ngswitchcase",
)  # fmt: skip
ALPINE_CONTENT_ATTRS: Final = (
    "x-data", "x-show", "x-if", "x-for", "x-text", "x-html", "x-cloak", "x-init",
)  # fmt: skip
FRAMEWORK_CONTENT_ATTRS: Final = (
    ("vue-directive", VUE_CONTENT_ATTRS),
    ("angular", ANGULAR_CONTENT_ATTRS),
    ("alpine", ALPINE_CONTENT_ATTRS),
)
# Attribute prefixes of event/attribute bindings: only interactive controls carrying them
# are removed (a bound ``<a :href>`` inside a real sentence stays).
BINDING_PREFIXES: Final = (
    ("vue-directive", ("v-", ":", "@", "#")),
    ("angular", ("ng-", "data-ng-", "*ng", "[", "(")),
    ("alpine", ("x-on:", "x-bind:", "x-model", "x-ref", "x-transition", "x-effect")),
)
INTERACTIVE_TAGS: Final = frozenset(
    ("form", "button", "input", "select", "textarea", "label", "option", "fieldset")
)
TEMPLATE_SCRIPT_TYPES: Final = frozenset(
    (
        "text/x-template", "text/x-handlebars-template", "text/x-handlebars",
        "text/x-mustache", "text/ng-template", "text/x-jsrender", "text/template",
        "text/x-jquery-tmpl", "text/x-kendo-template", "text/html",
    )
)  # fmt: skip
SHADOW_ROOT_ATTRS: Final = ("shadowrootmode", "shadowroot")  # declarative shadow DOM: real

# --- tree roles ---------------------------------------------------------------------------
PROTECTED_TAGS: Final = frozenset(("pre", "code", "kbd", "samp", "tt"))  # shown verbatim
INVISIBLE_TAGS: Final = frozenset(("script", "style"))  # text never shown
NEVER_REMOVE_TAGS: Final = frozenset(("html", "head", "body", "title"))
# Inline tags whose text joins the surrounding text into one run for the token search.
INLINE_TAGS: Final = frozenset(
    (
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "del", "dfn", "em", "font", "i", "ins",
        "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "u",
    )
)  # fmt: skip
# Inline wrappers that i18n helpers render a string into: a bare key alone in one stands alone.
KEY_SCOPE_INLINE_TAGS: Final = frozenset(("span", "font", "small"))
# Block-level tags: a container with more plain blocks of these than artefact children is a
# real list/table/section with a few leaked tokens, not a widget.
BLOCK_TAGS: Final = frozenset(
    (
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "td", "th", "tr", "table", "tbody", "thead", "tfoot", "caption", "blockquote",
        "section", "article", "aside", "header", "footer", "figure", "figcaption", "form",
        "fieldset", "nav", "main", "details", "summary", "address", "pre", "center",
    )
)  # fmt: skip


# Unrendered conditionals (template_conditionals): opening and closing tags of Handlebars /
# Mustache sections, Jinja/Twig/Liquid/Django/Nunjucks, Svelte, Blade and ERB-like blocks.
CONDITIONAL_OPEN: Final = re.compile(
    r"\{\{~?\s*#\s*(?:if|unless|each|with)\b[^{}]{0,200}\}\}"
    r"|\{%-?\s*(?:if|unless|for|ifequal|ifnotequal)\b[^%]{0,200}-?%\}"
    r"|\{#(?:if|each)\b[^{}]{0,200}\}"
    r"|@(?:if|unless|isset|auth|guest)\s*(?:\([^()]{0,200}\))?"
    r"|<<\s*if\b[^<>]{0,200}>>"
    r"|\[\[\s*if\b[^\[\]]{0,200}\]\]"
    r"|\$\{\s*if\b[^{}]{0,200}\}",
    re.I,
)
CONDITIONAL_CLOSE: Final = re.compile(
    r"\{\{~?\s*/\s*(?:if|unless|each|with)\s*~?\}\}"
    r"|\{%-?\s*end(?:if|unless|for|ifequal|ifnotequal)\s*-?%\}"
    r"|\{/(?:if|each)\}"
    r"|@end(?:if|unless|isset|auth|guest)\b"
    r"|<<\s*/?\s*endif\s*>>|<<\s*/if\s*>>"
    r"|\[\[\s*/?\s*endif\s*\]\]|\[\[\s*/if\s*\]\]"
    r"|\$\{\s*(?:endif|end|/if)\s*\}",
    re.I,
)
CONDITIONAL_MAX_WORDS: Final = 60  # branches longer than this (an article in an if) stay
CODE_TAGS: Final = frozenset({"pre", "code", "script", "style", "textarea", "template", "xmp"})

# A widget in one block (template_key_blocks): a translation-key lookup at the block's start
# or end, {{ trans('a.b') }}, {{ __('a.b') }}, << trans('a.b') >>, {{ 'a.b' | trans }},
# [[ a.b.c ]], $t('a.b'), plus short interface lines.
KEY_LOOKUP: Final = re.compile(
    r"\{\{-?\s*(?:trans|__|_|t|lang|i18n|translate|gettext)\s*\(\s*['\"][\w.:-]+['\"]"
    r"[^{}]{0,100}\)\s*-?\}\}"
    r"|<<\s*(?:trans|__|t|lang)\s*\(\s*['\"][\w.:-]+['\"][^<>]{0,100}\)\s*>>"
    r"|\{\{-?\s*['\"][\w.:-]+['\"]\s*\|\s*(?:trans|t|translate)\b[^{}]{0,100}\}\}"
    r"|\[\[\s*[A-Za-z_][\w-]*(?:\.[\w-]+)+\s*\]\]"
    r"|\$t\(\s*['\"][\w.:-]+['\"]\s*\)"
)
KEY_BLOCK_TAGS: Final = ("p", "div", "li", "span", "small", "section")
KEY_BLOCK_MAX_WORDS: Final = 60  # interface lines beside the lookup, in all
KEY_BLOCK_SENTENCE_MAX_WORDS: Final = 15  # interface lines are short: their mean, or a lone one
KEY_BLOCK_LONGEST_WORDS: Final = 25  # no line longer (an unpunctuated label runs into the next)
KEY_BLOCK_ADDRESS_SHARE: Final = 0.5  # of the lines speak to the reader (a quote is one line)
# Interface lines speak to the reader ("Check your inbox", "Bedankt voor je aanmelding",
# "Danke für deine Anmeldung", "Al suscribirte aceptas nuestra política") or name the
# publisher as "we"/"our"; an article's short sentences beside an inline-ad lookup report
# in the third person. Second-person and first-person-plural words, and "please", of the
# languages the cleaner reads; none that is also a common word of another of them (German
# "du" is French "du"), German "Sie"/"Ihr" only capitalised inside a sentence, "us" only in
# lower case (not "US").
READER_ADDRESS: Final = re.compile(
    r"\b(?i:you|your|yours|yourself|please|we|our"  # en
    r"|je|jij|jou|jouw|u|uw|jullie|we|wij|ons|onze|alsjeblieft|alstublieft"  # nl
    r"|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure|wir|uns|unser|unsere"
    r"|unseren|unserem|unserer|bitte"  # de
    r"|vous|votre|vos|tu|toi|ton|ta|tes|nous|notre|nos|veuillez"  # fr
    r"|usted|ustedes|tus|ti|contigo|nosotros|nuestro|nuestra|nuestros|nuestras|vuestro|vuestra"
    r"|por favor"  # es, pt
    r"|tuo|tua|tuoi|tue|voi|vostro|vostra|noi|nostro|nostra|nostri|nostre|per favore"  # it
    r"|você|vocês|teu|tua|nós|nosso|nossa|nossos|nossas)\b"  # pt
    r"|\bus\b|(?<=\w )(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b"  # en "us"; de, formal
)

# A sign-up widget's state lines after it (template_widget_tails).
WIDGET_TAIL_MAX_WORDS: Final = 15  # a state line is short
WIDGET_TAIL_LONG_WORDS: Final = 20  # the parent's paragraphs this long give the body's signature
WIDGET_TAIL_TAGS: Final = frozenset({"p", "div", "span", "small"})
WIDGET_TAIL_LINK_LABEL_WORDS: Final = 6  # a link block's own words ("Read also:", a date)
