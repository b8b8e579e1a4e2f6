"""The values of ``NEWS_WARC`` and how a crawler's mode is decided."""

from __future__ import annotations

from typing import Any, Final

ARTICLES: Final = "articles"
ALL: Final = "all"
OFF: Final = "off"
WARC_MODES: Final = (ARTICLES, ALL, OFF)


def warc_mode(setting: Any, spider: Any = None) -> str:
    """The spider's profile ``warc`` if it has one, else ``NEWS_WARC``; ValueError if unknown."""
    profile = getattr(spider, "profile", None)
    mode = getattr(profile, "warc", None)
    if mode is None:
        mode = ARTICLES if setting is None or setting == "" else setting
    if isinstance(mode, bool):  # -s NEWS_WARC=False read as a bool by a settings dict
        mode = ARTICLES if mode else OFF
    mode = str(mode).strip().lower()
    if mode in ("false", "0", "no", "none"):
        mode = OFF
    if mode not in WARC_MODES:
        raise ValueError(f"NEWS_WARC must be one of {', '.join(WARC_MODES)}, not {mode!r}")
    return mode
