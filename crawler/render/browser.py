"""Find the browser: the system's Chromium (Playwright's own browser download is never used)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from scrapy.settings import Settings

ENV_VAR: Final = "NEWSCLEAN_CHROMIUM"  # path of the browser executable, beats PATH
PATH_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a crawler's browser: no sandbox-less root failures, no /dev/shm exhaustion in
# containers, nothing that phones home.
LAUNCH_ARGS: Final = ("--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run", "--mute-audio")


class BrowserNotFound(RuntimeError):
    """No usable Chromium: the message says where it looked and how to give one."""


def find_chromium(settings: Settings | None = None) -> str:
    """The Chromium executable: ``NEWS_RENDER_CHROMIUM``, then ``$NEWSCLEAN_CHROMIUM``, then
    ``chromium`` / ``chromium-browser`` / ``google-chrome`` on PATH; raises BrowserNotFound."""
    given = (settings.get("NEWS_RENDER_CHROMIUM") if settings is not None else None) \
        or os.environ.get(ENV_VAR)
    if given:
        path = Path(given).expanduser()
        found = shutil.which(str(path)) or (str(path) if path.is_file() else None)
        if found is None or not os.access(found, os.X_OK):
            raise BrowserNotFound(f"browser {given!r} (NEWS_RENDER_CHROMIUM / {ENV_VAR}) "
                                  "is not an executable file")
        return found
    for name in PATH_NAMES:
        if found := shutil.which(name):
            return found
    raise BrowserNotFound(f"no Chromium found: looked for {', '.join(PATH_NAMES)} on PATH; "
                          f"install the system's chromium package (make install does) or set "
                          f"{ENV_VAR}=/path/to/chromium")


def launch_options(executable: str) -> dict[str, object]:
    """``PLAYWRIGHT_LAUNCH_OPTIONS`` for the system browser, headless."""
    return {"executable_path": executable, "headless": True, "args": list(LAUNCH_ARGS)}
