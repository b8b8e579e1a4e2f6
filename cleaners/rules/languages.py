"""Function words per language, for guessing the language of text when the page does not say."""

from __future__ import annotations

from typing import Final


def _words(text: str) -> frozenset[str]:
    """A set of space-separated words (keeps the word lists below compact)."""
    return frozenset(text.split())


STOPWORDS: Final = {
    "nl": _words(
        "de het een en van is dat niet op zijn met voor ook aan er maar om bij naar "
        "wordt hij zij die deze worden heeft werd nog tegen wat geen als over uit"
    ),
    "en": _words(
        "the and of to is that for with was on are as it by from this be have has "
        "said not but he they which were been would their will an at"
    ),
    "de": _words(
        "der die das und ist nicht ein eine mit den dem von zu auf für sich auch es "
        "im wird sind wurde nach bei aus dass noch oder wie"
    ),
    "fr": _words(
        "le la les et est des une un du dans que qui pour pas sur au avec il elle "
        "ce sont ont mais par plus cette aux été"
    ),
    "es": _words(
        "el los las y es que del una por con para se no su al lo como más pero "
        "fue sus este ha entre"
    ),
    "it": _words(
        "il di che è e la per un una non con del della sono si gli anche da nel ma "
        "più alla delle degli"
    ),
    "pt": _words(
        "o os que e de do da em um uma para com não por se na no mais foi ao dos "
        "das pelo pela também"
    ),
}
MIN_HITS: Final = 8  # function words needed before guessing at all
MIN_LEAD: Final = 1.5  # the winner needs this many times the runner-up's hits
SAMPLE_CHARS: Final = 5_000  # text looked at
