"""One-time costs of a process, paid before any page is timed, the same way for both tools.

Both tools date pages with htmldate. Its first extensive search in a process that reaches
dateparser builds the month names of every dateparser locale and has dateparser compile the
split expressions of all its locales: about 4 s of CPU here, once per process, paid by
whichever tool gets there first (in the interleaved run a coin flip that moved the
trafilatura-eval-dev ratio by 0.1). jusText's stopwords of all languages, gathered by
trafilatura on its first comparison, and imports cost a little more. None of
it is a cost per record (a crawl or a re-clean pays it once per worker), so the warm-up takes
it out of the timed loop for both tools: the tool cleans the set's first page, then htmldate
runs its extensive search over a small page whose date only dateparser could read and
trafilatura gathers its jusText stopwords. The
warm-up's own CPU time is reported beside the timed figures (``warmup_cpu_seconds``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

# A written date custom parsing cannot read (no such month), so dateparser tries every locale.
_DATEPARSER_PAGE: Final = (
    "<html><body><article><p>Published on Sunday, 12 Foo 2020, in the evening.</p>"
    "</article></body></html>"
)


def warm_up_shared() -> None:
    """Fill the lazy tables both tools share: htmldate's month names, dateparser's locales,
    and the stopwords of every jusText language, which trafilatura's comparison reads (ours
    on a retry) and gathers and lower-cases on its first use (about 0.25 s)."""
    import lxml.html
    from htmldate import find_date
    from trafilatura import external

    find_date(_DATEPARSER_PAGE, extensive_search=True)
    if hasattr(external, "try_justext"):  # gathers them, and jusText lower-cases them once
        external.try_justext(lxml.html.fromstring(_DATEPARSER_PAGE), None, None)


def warm_up(*first_runs: Callable[[], object]) -> float:
    """Run each tool's first page, then the shared warm-up; the CPU seconds it all took."""
    start = time.process_time()
    for run in first_runs:
        run()
    warm_up_shared()
    return time.process_time() - start
