"""Limits and thresholds of the cleaning pipeline, as one frozen configuration object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_INPUT_BYTES: Final = 10_000_000  # bytes (or characters for str input) of one page
MAX_DEPTH: Final = 256  # element nesting; libxml2's own limit without XML_PARSE_HUGE
DEEP_CUT_DEPTH: Final = 200  # deeper subtrees are cut when a page passes MAX_DEPTH (margin:
# elements the parser adds, tags our pre-parse scan reads otherwise)
MAX_ELEMENTS: Final = 30_000  # elements in one page (later steps cost ~0.1 ms per element)
MAX_ATTRIBUTES: Final = 1_000  # attributes on one element (libxml2 is quadratic in them)
MAX_TAG_CHARS: Final = 20_000  # longer tags are checked for MAX_ATTRIBUTES before parsing
BINARY_SNIFF_BYTES: Final = 8_192  # bytes looked at for NUL/control characters
MAX_CONTROL_RATIO: Final = 0.05  # share of C0 control characters that makes input "binary"
MAX_REPLACEMENT_RATIO: Final = 0.02  # share of U+FFFD after decoding that makes input undecodable
MIN_BODY_CHARS: Final = 40  # a fallback text block shorter than this is no article
HEADING_MAX_WORDS: Final = 10  # a plain-text line longer than this is no sub-heading
HEADING_MAX_CHARS: Final = 80  # ... nor one longer than this
LEAD_MIN_CHARS: Final = 30  # a marked standfirst shorter than this is a kicker, not a lead
FAST_RETRY_CHARS: Final = 1_000  # fast-mode text shorter than this: run the full comparison
PRECISION_RETRY_CHARS: Final = 1_000  # precision-mode text shorter than this: try balanced too
PRECISION_RETRY_SHARE: Final = 1 / 3  # ... or shorter than this share of the largest <p> run
PRECISION_RETRY_FACTOR: Final = 2.0  # ... and take balanced when it is this many times longer
RETRY_KEPT_RUN_SHARE: Final = 0.03  # no retry when the first text is within this share of the
# length of the page's largest run of <p> (it kept the article; a retry rarely adds to it)
RETRY_MAX_TEXT_SHARE: Final = 0.3  # no retry when the first text is this share of the page's
# text outside links: trafilatura's comparison takes readability's text when it is twice as
# long (about 60% of the page's). Measured on the tune half (AEB, evaldev even ids): every
# retry taken from a text of RETRY_SHARE_MIN_CHARS or more kept <= 0.22 of it
RETRY_SHARE_MIN_CHARS: Final = 250  # trafilatura's MIN_EXTRACTED_SIZE: a shorter text makes its
# comparison run jusText, which may take more (taken retries kept up to 0.34): always retried
LONE_ARTICLE_MIN_SHARE: Final = 0.8  # the first trafilatura run reads only the page's one
# outermost <article> (else <main>) when that holds this share of the page's paragraph text
# (the text outside it is furniture; half of trafilatura's time on those pages) ...
LONE_ARTICLE_MIN_KEPT: Final = 0.5  # ... and reads the whole page after all when the article
# alone gave less text than this share of the article's paragraph text
BALANCED_RETRY_MAX_SHARE: Final = 0.2  # no balanced retry when the precision text is this
# share of the page's text outside links (the balanced retries taken on the tune half: <= 0.10)
PAUSE_GC: Final = True  # no automatic garbage collection while a page is cleaned: it makes no
# reference cycles, and the collector's runs were 4% of its time (see steps/paused_collector)
ID_HEX_CHARS: Final = 32  # hex digits of sha256 kept in ``id`` and ``content_hash``


@dataclass(frozen=True)
class CleanConfig:
    """The knobs of one cleaning run; the defaults are the module constants above."""

    max_input_bytes: int = MAX_INPUT_BYTES
    max_depth: int = MAX_DEPTH
    deep_cut_depth: int = DEEP_CUT_DEPTH
    max_elements: int = MAX_ELEMENTS
    max_attributes: int = MAX_ATTRIBUTES
    max_tag_chars: int = MAX_TAG_CHARS
    binary_sniff_bytes: int = BINARY_SNIFF_BYTES
    max_control_ratio: float = MAX_CONTROL_RATIO
    max_replacement_ratio: float = MAX_REPLACEMENT_RATIO
    min_body_chars: int = MIN_BODY_CHARS
    heading_max_words: int = HEADING_MAX_WORDS
    heading_max_chars: int = HEADING_MAX_CHARS
    lead_min_chars: int = LEAD_MIN_CHARS
    favor_precision: bool = True  # trafilatura mode; measured on AEB (see extract_main)
    fast: bool = True  # trafilatura first without its readability/jusText comparison ...
    fast_retry_chars: int = FAST_RETRY_CHARS  # ... and with it when fast mode kept less text
    include_tables: bool = True
    precision_retry_chars: int = PRECISION_RETRY_CHARS
    precision_retry_share: float = PRECISION_RETRY_SHARE
    precision_retry_factor: float = PRECISION_RETRY_FACTOR
    retry_kept_run_share: float = RETRY_KEPT_RUN_SHARE
    retry_max_text_share: float = RETRY_MAX_TEXT_SHARE
    retry_share_min_chars: int = RETRY_SHARE_MIN_CHARS
    balanced_retry_max_share: float = BALANCED_RETRY_MAX_SHARE
    lone_article_min_share: float = LONE_ARTICLE_MIN_SHARE
    lone_article_min_kept: float = LONE_ARTICLE_MIN_KEPT
    pause_gc: bool = PAUSE_GC


DEFAULT_CONFIG: Final = CleanConfig()
