"""Site-independent boilerplate rules, as data: element tokens, heading and paragraph patterns.

Element rules prune the tree before trafilatura sees it (boilerplate blocks, screen-reader
copies); the restoring rules say which paragraphs trafilatura left out come back; heading and
paragraph rules drop whole extracted blocks afterwards; the lead rules say what marks a
standfirst. A new pattern is one line here.
"""

from __future__ import annotations

import re
from typing import Final

# fmt: off
# A class token or the id must *start* with one of these (small blocks, never article text).
BOILERPLATE_CLASS_TOKENS: Final = (
    "newsletter", "nieuwsbrief", "cookie", "consent", "gdpr",
    "share-", "sharebar", "share_bar", "sharing", "social-share", "socialshare", "social-links",
    "related-", "relatedarticles", "read-more", "readmore", "lees-ook", "leesook", "more-on",
    "ad-label", "adlabel", "advert", "adslot", "ad-slot", "ad-container", "dfp-", "taboola",
    "outbrain", "promo-box", "subscribe-box", "paywall-", "inline-signup", "signup-form",
    "poll", "survey", "umfrage", "sondage", "peiling",
)
def class_words(prefixes: tuple[str, ...] = (), words: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A regex finding, in lower-cased "class id" text, a word (split at spaces, "-" and "_")
    that starts with one of ``prefixes`` or is one of ``words`` (plural -s allowed)."""
    parts = [re.escape(t) for t in prefixes]
    if words:
        parts.append(rf"(?:{'|'.join(re.escape(w) for w in words)})s?(?=$|[\s_-])")
    return re.compile(r"(?:^|[\s_-])(?:{})".format("|".join(parts)))


# Screen-reader-only text (visible to no sighted reader). Such an element goes when its text
# repeats what its parent shows anyway ("<h2><span class=sr-only>X</span><a>X</a></h2>").
# Matched as a whole class token, or a token ending in "-" / "__" + one of these.
SCREEN_READER_CLASS_TOKENS: Final = (
    "sr-only", "sr-text", "screen-reader-text", "screen-reader-only", "screenreader-only",
    "visually-hidden", "visuallyhidden", "visually_hidden", "hidden-visually", "vh",
    "offscreen", "element-invisible", "assistive-text", "show-for-sr", "a11y-hidden",
)
# A parent with more screen-reader-only children than this has each judged against its
# siblings' texts only (a copy of a sibling), not searched for in the parent's whole text:
# thousands of them under one body made that search quadratic.
SCREEN_READER_SCAN_MAX: Final = 64
# Tags never pruned by the class rule, however they are named (containers of the article).
PROTECTED_TAGS: Final = frozenset({"html", "body", "main", "article", "h1", "h2", "h3"})
MAX_PRUNED_CHARS: Final = 1_500  # a "boilerplate" block with more text than this is kept
# Sign-up boxes (steps/signup_boxes.py): a <form> asking for an e-mail address is a newsletter
# or account box whatever its classes say (a script-rendered widget often has none). The box is
# the largest element around the form with at most this much text (its heading, pitch and
# error line go with it); the article body around it is never reached.
SIGNUP_BOX_MAX_CHARS: Final = 400
SIGNUP_EMAIL_INPUTS: Final = (  # XPath tests of an <input> that asks for an e-mail address
    "@type='email'",
    "contains(translate(@name, 'EMAIL', 'email'), 'mail')",
    "contains(translate(@placeholder, 'EMAIL', 'email'), 'mail')",
)
# Characters no reader sees that split words for search and tokenisers: soft hyphen,
# zero-width space, word joiner, BOM. (Zero-width (non-)joiners and direction marks carry
# meaning in Persian, Indic scripts and emoji, and stay.)
INVISIBLE_IN_TEXT: Final = "\u00ad\u200b\u2060\ufeff"
# A <noscript> is script-free fallback markup: usually a tracking pixel or "please enable
# JavaScript", but some pages (blog platforms, old CMSs) keep their only static copy of the
# article there while a script renders the visible one. A <noscript> whose paragraphs hold
# at least this much text is such a copy: its tag goes, its content stays.
NOSCRIPT_ARTICLE_MIN_CHARS: Final = 400

# Paragraph restoring (extract_main): the paragraphs trafilatura kept define the page's
# paragraph template (the <p> with its parent's and grandparent's tag and classes). Other
# paragraphs of that template are article text it missed (a body split into blocks around
# an ad row, one wrapper per paragraph) unless they sit in one of these regions (tags, or a
# class/id word starting with a token) that the kept paragraphs are not in, or past an <h1>.
# The elements that mark a page's article, in the order they are looked for: trafilatura's
# first run reads the first of them a page holds exactly one of, when that holds the page's
# text (``extract_main._lone_article``): the HTML5 <article>, then <main>, then ARIA's main.
ARTICLE_LANDMARKS: Final = (  # "//body/descendant::x" is "//body//x", at 3/4 of the cost
    "//body/descendant::article[not(ancestor::article)]",
    "//body/descendant::main[not(ancestor::main)]",
    "//body/descendant::*[@role='main'][not(ancestor::*[@role='main'])]",
)

RESTORE_EXCLUDED_TAGS: Final = frozenset(
    {"a", "li", "nav", "aside", "footer", "header", "form", "figure", "figcaption",
     "blockquote", "button", "dialog", "template"}
)
RESTORE_EXCLUDED_TOKENS: Final = (  # a class/id word starting with one of these
    "related", "recommend", "teaser", "sidebar", "promo", "newsletter", "footer", "byline",
    "author", "caption", "sharing", "social", "popular", "trending", "most-read", "mostread",
    "navbar", "navigation", "banner", "subscribe", "signup", "modal", "popup", "cookie",
    "consent", "advert", "sponsor", "outbrain", "taboola", "disclaimer", "commentlist",
)
RESTORE_EXCLUDED_WORDS: Final = (  # whole class/id words only (plural -s too): "comments",
    # "comment-list", "nav", "bio-box"; not "commentary", "navy", "biology", "shareholders"
    "comment", "nav", "menu", "bio", "credit", "share",
)
RESTORE_MIN_TEMPLATE_CHARS: Final = 200  # kept text needed before the template is trusted
RESTORE_MIN_CHARS: Final = 25  # a shorter paragraph of the template is not restored
RESTORE_SENTENCE_CHARS: Final = 100  # ... nor a shorter one not ending like a sentence
RESTORE_MAX_BREAKS: Final = 3  # ... nor one with this many <br> (a list: dates, addresses)
RESTORE_MAX_LINK_SHARE: Final = 0.8  # ... nor one that is mostly link text

# A bold line opening with a clock time ("9h05 - ...", "15.32 Uhr: ...", "10:45 pm — ...") is
# the first line of a live-ticker entry, a paragraph rather than a sub-heading.
TICKER_TIME: Final = re.compile(
    r"^\W{0,2}\d{1,2}(?:[:.hH]\d{2})(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?\s*[-–—:|]", re.I
)

# Lead/standfirst markers (class or id substrings) and the elements that may carry them.
# An unmarked paragraph right after the headline in its <header> is the standfirst when it is
# written as sentences of at least this many words.
LEAD_HEADER_MIN_WORDS: Final = 12
LEAD_CLASS_TOKENS: Final = (
    "lead", "intro", "standfirst", "summary", "teaser", "dek", "abstract", "subtitle",
    "sub-title", "subheadline", "article-description", "excerpt", "chapeau", "chapo",
    "kicker-text", "preface", "preamble", "ingress", "strapline", "epigraph",
    "subheader", "sub-header",
)
LEAD_EXCLUDE_TOKENS: Final = (
    "leader", "mislead", "related", "list", "card", "nav", "menu", "comment",
    "caption", "image", "photo", "media", "credit", "video", "promo", "newsletter",
    "cookie", "consent",
)
# An ancestor marked like this puts a "lead" in a comment form or a related-articles box.
# A lead inside a region named so is none: a class/id word starting with a prefix
# ("related-posts", "relatedArticles") or being a word ("comments", not "commentary").
LEAD_EXCLUDE_ANCESTOR_PREFIXES: Final = ("related",)
LEAD_EXCLUDE_ANCESTOR_WORDS: Final = ("comment",)
LEAD_TAGS: Final = ("p", "div", "h2", "span", "section", "header")
# Utility classes that only look like lead markers: Tailwind's line-height "leading-7",
# "md:leading-tight", "!leading-serif" (dropped from class/id before the lead tokens are
# looked for).
LEAD_IGNORED_CLASSES: Final = re.compile(r"(?:^|(?<=\s))(?:[\w-]+:)*!?leading-\S*")
# A "lead" reading like a photo caption "(Name / Agency)", holding a credit ("Credit: ...",
# "Foto: ..."), or asking the reader to subscribe is none.
LEAD_REJECT: Final = (
    re.compile(r"\b(?:credits?|photos?|fotos?|bild|image|picture)\s*:\s*\S", re.I),
    re.compile(r"©"),
    # a short line with a clock time is video or date metadata ("Panorama 28.04.2023 20:14")
    re.compile(r"^(?=.{0,60}+$).*\b\d{1,2}:\d{2}\b"),
    re.compile(
        r"\bsupport (?:independent|quality|our) journalism\b|\bsubscrib(?:e|ing) (?:to|now|today)\b"
        r"|\bpremium content\b|\bwith your account\b"
        r"|\bjetzt abonnieren\b|\babonnez-vous\b",
        re.I,
    ),
    re.compile(
        r"\((?:[^()]*/[^()]*|[^()]*\b(?:press|photo|foto|getty|reuters|afp|dpa|anp|epa)\b[^()]*)\)\s*$",
        re.I,
    ),
    re.compile(r"^(?=.{0,80}+$).*\b(?:ASSOCIATED PRESS|REUTERS|AFP|GETTY IMAGES|EPA|DPA|ANP)\b"),
)

_AD_WORDS: Final = (
    "advertentie", "advertisement", "advertising", "anzeige", "werbung", "publicité", "publicite",
    "sponsored", "gesponsord", "reclame", "ad", "annonse", "annons", "pubblicità", "publicidad",
)
_READ_MORE_PREFIXES: Final = (
    "lees ook", "lees meer", "meer over", "bekijk ook", "read more", "read also", "also read",
    "related", "see also", "more on this", "more from", "lesen sie auch", "lesen sie mehr",
    "mehr zum thema", "auch interessant", "das könnte sie auch interessieren", "lire aussi",
    "à lire aussi", "a lire aussi", "lire également", "voir aussi", "leer más", "lee también",
    "les også", "läs också", "læs også",
)
# "Read also" lines in the body: one of these labels, then one link to another article
# ("<p>Ook interessant: <a>...</a></p>"). The element goes when its text is the label, the
# link and at most READ_ALSO_MAX_EXTRA_WORDS other words, and the link is at least
# READ_ALSO_MIN_LINK_SHARE of its text; a real sentence holding a link has more words.
READ_ALSO_LABELS: Final = (
    "lees ook", "lees meer", "ook interessant", "ook lezen", "bekijk ook", "zie ook",
    "lees hier", "meer lezen", "read also", "also read", "read more", "see also", "related",
    "more on this", "recommended", "you may also like", "lesen sie auch", "lesen sie mehr",
    "lies auch", "auch lesen", "auch interessant", "mehr zum thema", "weiterlesen",
    "zum weiterlesen",
    "das könnte sie auch interessieren",
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "voir aussi",
    "à voir aussi", "leer más", "lee también", "lea también", "te puede interesar",
    "también te puede interesar", "leia também", "leia mais", "leggi anche", "leggi pure",
    "czytaj też", "czytaj także", "läs också", "läs mer", "les også", "læs også", "lue myös",
)
READ_ALSO_TAGS: Final = ("p", "div", "li")  # elements judged (a div only without blocks)
READ_ALSO_MAX_CHARS: Final = 300  # a longer element is no "read also" line
READ_ALSO_MAX_EXTRA_WORDS: Final = 3  # words besides label and link ("(video)", "| Plus")
READ_ALSO_MIN_LINK_SHARE: Final = 0.5
_CREDIT_PREFIXES: Final = (
    "foto", "photo", "photos", "bild", "bilder", "image", "beeld", "credit", "credits",
    "picture", "fotograaf", "photograph", "quelle", "source image",
)
_SHARE_WORDS: Final = (
    "share", "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "delen", "deel dit artikel", "teilen", "artikel teilen", "partager", "email", "e-mail",
    "print", "whatsapp", "facebook", "twitter", "linkedin", "copy link", "link kopieren",
)
_NEWSLETTER_WORDS: Final = (
    "newsletter", "newsletters", "nieuwsbrief", "nieuwsbrieven", "infolettre",
)
_SIGNUP_STARTS: Final = (
    "sign up", "subscribe", "meld je aan", "schrijf je in", "abonneer", "jetzt abonnieren",
    "abonnez-vous", "inscrivez-vous", "get our", "join our",
)
# Whole paragraphs that are page furniture (case-insensitive, final punctuation ignored).
_FURNITURE_PARAGRAPHS: Final = (
    "order reprints", "print article", "print", "thank you", "this article has been sent to",
    "an error has occurred, please try again later", "you may also like", "you might also like",
    "você pode gostar", "related articles", "advertisement - scroll to continue",
    "continue reading below", "story continues below", "scroll to continue with content",
    "dit artikel delen", "artikel delen", "lees verder onder de advertentie", "weiterlesen",
    "mehr lesen", "lire la suite", "leer más", "read more", "show comments", "comments",
    "评论", "关注", "收藏", "分享",
)
# Sub-headings that are page furniture (whole heading, case-insensitive).
_HEADING_WORDS: Final = (
    "popular", "most popular", "most read", "trending", "top stories", "latest news",
    "more stories", "more from", "recommended", "recommended videos", "you may also like",
    "you might also like", "editor's picks", "editor’s picks", "editors' picks", "related articles",
    "related stories", "related content", "related", "related article", "comments",
    "article content", "advertisement", "share this article", "share", "share close",
    "newsletter", "follow us", "read more", "login", "log in", "sign in",
    "sign in or create an account", "more sections", "latest", "up next", "current issue",
    "sitemap", "social sharing", "headline", "top", "hits", "summary", "video", "audio", "fotos",
    "meistgelesen", "meist gelesen", "auch interessant", "mehr zum thema", "weitere artikel",
    "das könnte sie auch interessieren", "kommentare", "empfehlungen", "hauptinhalt",
    "neuer abschnitt", "das wichtigste in kürze", "in kürze", "darum geht's", "darum gehts",
    "weitere themen", "mehr aus dem ressort", "zum thema", "bildergalerie",
    "lees ook", "meest gelezen", "gerelateerde artikelen", "reacties",
    "à lire aussi", "lire aussi", "les plus lus", "commentaires",
    "les også", "läs också", "læs også", "article", "artikel", "článek",
    "die autorin", "der autor", "about the author", "over de auteur", "bitte beachten",
)
# Sub-headings starting like this are furniture too.
_HEADING_STARTS: Final = (
    "most read", "more from", "get daily", "sign up", "sign in", "follow us", "folgst du",
    "subscribe", "also read", "read more", "lees ook", "lesen sie auch", "lire aussi",
    "unabhängiger journalismus", "wie hat ihnen", "was this article", "more on",
    "mehr zum thema",
)
# fmt: on


def _alt(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words; refuses an empty group (it would match everything)."""
    if not words:
        raise ValueError("empty rule group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LINK_MARK: Final = r"\s*(?::|»|>|\||–|-)"

# The label of an appendix after the article (contacts, further information, sources) or of a
# bare byline or release date, standing alone as a line ("Kontakt:", "Weitere Informationen:",
# "Quellenangaben:", "Von:"): it says nothing; what follows it is judged on its own.
_APPENDIX_LABELS: Final = (
    "kontakt", "pressekontakt", "pressekontakte", "medienkontakt", "ansprechpartner",
    "ansprechpartnerin", "ansprechpartner zum thema", "ansprechpartnerin zum thema", "contact",
    "contacts", "press contact", "media contact", "media contacts", "contacto", "contact presse",
    "contatto", "contactpersoon", "perscontact", "weitere informationen", "zusatzinformationen",
    "mehr informationen", "more information", "further information", "additional information",
    "plus d'informations", "más información", "meer informatie", "ulteriori informazioni",
    "quellen", "quellenangaben", "quellennachweis", "quellennachweise", "sources", "fuentes",
    "bronnen", "von", "by", "door", "par", "release date", "veröffentlicht am",
)
_APPENDIX_LABEL: Final = re.compile(rf"^\W*(?:{_alt(_APPENDIX_LABELS)})\s*:$", re.I)

# Whole-heading patterns: a sub-heading matching one of these is dropped.
BOILERPLATE_HEADINGS: Final = (
    ("heading", re.compile(rf"^\W*(?:{_alt(_HEADING_WORDS)})\W*$", re.I)),
    ("heading", re.compile(rf"^\W*(?:{_alt(_HEADING_STARTS)})\b", re.I)),
    ("read_more", re.compile(rf"^\W*(?:{_alt(_READ_MORE_PREFIXES)}){_LINK_MARK}", re.I)),
    ("exclusive", re.compile(r"^exklusive?\b.*\bfür sie\b", re.I)),
    ("appendix_label", _APPENDIX_LABEL),
    # "Von Anna Sleegers, Frankfurt": a preposition, then capitalised name words only.
    (
        "byline",
        re.compile(r"^(?:[Vv]on|[Bb]y|BY|[Dd]oor|[Pp]ar|[Pp]or)\s+(?:[A-ZÀ-Þ][\w'.-]*,?\s*){1,5}$"),
    ),
    ("no_words", re.compile(r"^[\W_]*$")),
    (
        "paywall",
        re.compile(
            r"\b(?:suscripción|subscription|abonnement|abo)\b.{0,60}\b(?:dispositivo|device|gerät)",
            re.I,
        ),
    ),
)

# A rule that opens with this matches only a text of at most N characters (N + 1 with a
# final line break, which "$" may stand before): shorter texts only are tried against it.
_BOUNDED: Final = re.compile(r"\^\(\?=\.\{0,(\d+)\}\+\$\)")


def length_bound(rule: re.Pattern[str]) -> int | None:
    """The length above which ``rule`` matches nothing (None: no such bound)."""
    match = _BOUNDED.match(rule.pattern)
    return int(match[1]) + 1 if match else None


# Notes about the article rather than article text (credits, reading time, error reports).
_NOTE_PATTERNS: Final = (
    r"contributed to this report\W*$",
    r"^(?:with |additional )?reporting by\b",
    r"^mit (?:agenturmaterial|material von)\b",
    r"^(?:lesedauer|leestijd|reading time|temps de lecture)\b",
    r"^\d+\s*min(?:ute)?s?\s+read$",
    r"^fehler gefunden\b",
    r"^zum artikel:",
    r"^watch\s*\|",
    r"maschinelle übersetzung",
    r"\bmay earn (?:a |an )?(?:small )?(?:affiliate )?commission\b",
    r"^we independently (?:select|review)\b",
    r"^(?=.{0,250}+$).*\bplease bookmark\b",  # a short note, not a paragraph quoting it
    # affiliate disclosures and letters-to-the-editor invitations
    r"^(?=.{0,300}+$)this (?:post|article|page|story) (?:contains|may contain|includes) "
    r"(?:references to products from|affiliate links|sponsored links)",
    r"^(?=.{0,200}+$)(?:dieser|der) (?:artikel|beitrag) enthält (?:affiliate|werbe|partner)",
    r"^(?=.{0,250}+$).*\b(?:submit|send|write) (?:us )?an? letters? to the editor\b",
    # a paywall's notes: to read on, subscribe; already a subscriber, log in
    r"^(?=.{0,200}+$)(?:to (?:view|read|continue reading|access)|um (?:den|diesen) "
    r"(?:ganzen |vollständigen )?(?:artikel|beitrag) (?:zu lesen|weiterzulesen)|pour (?:lire|"
    r"consulter) (?:la suite|l'intégralité)|para (?:seguir leyendo|leer el artículo completo)|"
    r"om (?:dit|het) (?:hele )?artikel (?:te lezen|verder te lezen))[^,]{0,60},\s*"
    r"(?:please\s+|bitte\s+|veuillez\s+)?(?:subscrib\w*|log in|sign in|abonn\w*|melden sie|"
    r"loggen sie|registrieren sie|suscr[ií]b\w*|inicia|log in|meld je|word abonnee)\b",
    r"^(?=.{0,250}+$).*\b(?:already an? (?:subscriber|member)|bereits abonnent\w*|"
    r"schon abonnent\w*|déjà abonnée?|ya eres suscriptor\w*|al abonnee|já é assinante|"
    r"sei già abbonat\w)",
    # a paywall's count of what is left to read: a short line telling the reader a share of
    # the article and reading ("Il vous reste 57% de cet article à lire.", "You have 80% of
    # this article left to read", "Sie haben 30% des Artikels gelesen")
    r"^(?=.{0,120}+$)(?=.*\d[\d.,]*\s?%)"
    r"(?=.*\b(?:you|vous|sie|te|le|du|u|lei|você|pan|pani)\b)"
    r"(?=.*\b(?:article|artikel|artículo|articolo|artigo|artykuł|artikkel)\w*)"
    r"(?=.*\b(?:lire|read|lesen|gelesen|leer|leído|leggere|lezen|gelezen|ler|lido|lese)\w*)",
)

# "Follow us on Facebook, Instagram and Telegram", "download our apps for iOS and Android": a
# short paragraph naming two or more platforms with a follow or download verb.
_PLATFORMS: Final = (
    "facebook", "instagram", "twitter", "telegram", "tiktok", "youtube", "whatsapp", "linkedin",
    "threads", "bluesky", "mastodon", "snapchat", "pinterest", "ios", "android", "google play",
    "app store", "apple news", "google news", "flipboard",
)
_FOLLOW_VERBS: Final = (
    "follow", "download", "síguenos", "siguenos", "síganos", "siganos", "sigue", "descarga",
    "suivez", "suivre", "téléchargez", "folgen sie", "folge uns", "folgt uns", "laden sie",
    "volg ons", "volg", "download de", "seguici", "segui", "scarica", "siga-nos", "segue-nos",
    "baixe", "obserwuj", "följ", "følg",
)
_PLATFORM: Final = rf"\b(?:{'|'.join(re.escape(w) for w in _PLATFORMS)})\b"

# Whole-paragraph patterns: a paragraph matching one of these is dropped.
BOILERPLATE_PARAGRAPHS: Final = (
    # anchored and unanchored notes apart: a "^..." regex is tried at the start only; the
    # anchored notes of at most N characters ("^(?=.{0,N}+$)") apart again, under the
    # largest N, so a longer paragraph skips them all (see ``length_bound``)
    (
        "note",
        re.compile("^(?:{})".format("|".join(
            p[1:] for p in _NOTE_PATTERNS if p[0] == "^" and not _BOUNDED.match(p))), re.I),
    ),
    (
        "note",
        re.compile(r"^(?=.{{0,{}}}+$)(?:{})".format(
            max(int(_BOUNDED.match(p)[1]) for p in _NOTE_PATTERNS if _BOUNDED.match(p)),
            "|".join(p[1:] for p in _NOTE_PATTERNS if _BOUNDED.match(p))), re.I),
    ),
    ("note", re.compile("|".join(f"(?:{p})" for p in _NOTE_PATTERNS if p[0] != "^"), re.I)),
    ("furniture", re.compile(rf"^\W*(?:{_alt(_FURNITURE_PARAGRAPHS)})\W*$", re.I)),
    (
        "rights",
        re.compile(
            r"^(?=.{0,200}+$).*\b(?:all rights reserved|alle rechten voorbehouden"
            r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados)\b",
            re.I,
        ),
    ),
    (
        "follow_us",
        re.compile(
            rf"^(?=.{{0,250}}+$)(?=.*?{_PLATFORM}.*?{_PLATFORM})"  # the rarer test first
            rf"(?=.*?\b(?:{'|'.join(re.escape(w) for w in _FOLLOW_VERBS)})\b)",
            re.I | re.S,
        ),
    ),
    ("appendix_label", _APPENDIX_LABEL),
    # "aja/PAP", "(dpa/lnw)", "cwe/AFP": the writers' and agencies' initials closing a report.
    ("agency_initials", re.compile(r"^\(?[^\W\d_]{2,6}(?:\s?/\s?[^\W\d_]{2,8})+\)?\.?$")),
    (
        "updated_line",
        re.compile(r"^(?=.{0,60}+$)\W*(?:updated|bijgewerkt|aktualisiert|mis à jour)\b", re.I),
    ),
    (
        "write_to",
        re.compile(r"^(?=.{0,120}+$)\W*(?:write to|contact|email)\b.*\S+@\S+\.\w+\W*$", re.I),
    ),
    ("ad_label", re.compile(rf"^\W*(?:{_alt(_AD_WORDS)})\W*$", re.I)),
    ("read_more", re.compile(rf"^\W*(?:{_alt(_READ_MORE_PREFIXES)}){_LINK_MARK}.{{0,200}}$", re.I)),
    ("read_more", re.compile(rf"^\W*(?:{_alt(_READ_MORE_PREFIXES)})\W*$", re.I)),
    ("photo_credit", re.compile(rf"^\W*(?:{_alt(_CREDIT_PREFIXES)})\s*:\s*[^.!?]{{1,80}}$", re.I)),
    ("photo_credit", re.compile(r"^\s*(?:©|\(c\)|copyright\b)\s*[^.!?]{0,60}$", re.I)),
    ("share_bar", re.compile(rf"^(?:\W*(?:{_alt(_SHARE_WORDS)})\W*)+$", re.I)),
    ("newsletter", re.compile(rf"^(?=.{{0,160}}+$).*\b(?:{_alt(_NEWSLETTER_WORDS)})\b", re.I)),
    ("newsletter", re.compile(rf"^(?=.{{0,160}}+$)\W*(?:{_alt(_SIGNUP_STARTS)})\b", re.I)),
    (
        "cookie",
        re.compile(
            r"^(?=.{0,300}+$).*\bcookies?\b.*"
            r"\b(?:accept|akkoord|accepteren|zustimmen|consent|toestemming)\b",
            re.I,
        ),
    ),
)

# A "read also" label at the start of an element's text, then a mark or the end of the
# label's own element (group ``rest`` holds what follows).
READ_ALSO_START: Final = re.compile(
    rf"^[\W_]{{0,3}}(?:{_alt(READ_ALSO_LABELS)})(?!\w)(?P<mark>\s*[:：»›>|–—-])?(?P<rest>.*)$",
    re.I | re.S,
)
# The same label test on the element's text before its whitespace is collapsed (a run of
# whitespace is one space there: any match of READ_ALSO_START on the collapsed text is one of
# this on the raw text, since str.split and \s agree on every code point; labels start with
# a word character, and no label letter matches a non-word one even ignoring case, so the
# possessive repeats give nothing back that a label could use). Most elements fail it, and
# skip the collapsing.
READ_ALSO_LABEL_RAW: Final = re.compile(
    r"\s*+(?:[^\w\s]|_|\s++){0,3}+(?:"
    + "|".join(
        r"\s+".join(map(re.escape, label.split()))
        for label in sorted(READ_ALSO_LABELS, key=len, reverse=True)
    )
    + r")(?!\w)",
    re.I,
)

# Lists of other articles (related_lists): every item one link plus its date.
RELATED_LIST_MIN_ITEMS: Final = 2
RELATED_ITEM_MIN_LINK_SHARE: Final = 0.6  # the link's share of an item's text
RELATED_LABEL_MAX_WORDS: Final = 6  # "More on this story" before the list goes with it
