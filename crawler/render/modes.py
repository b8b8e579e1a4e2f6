"""Which pages of a site go through the browser: ``never``, ``auto`` (shells only), ``always``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from scrapy.settings import Settings

NEVER: Final = "never"
AUTO: Final = "auto"
ALWAYS: Final = "always"
RENDER_MODES: Final = (NEVER, AUTO, ALWAYS)
CMDLINE_PRIORITY: Final = 30  # a setting given above this (-s, scrapyd setting=) beats the profile


class RenderModeError(ValueError):
    """``NEWS_RENDER`` (or a profile's ``render``) is not one of ``RENDER_MODES``."""

    def __init__(self, value: Any, source: str) -> None:
        self.value = value
        self.source = source
        super().__init__(f"{source}: render must be one of {', '.join(RENDER_MODES)}, "
                         f"not {value!r}")


def check_mode(value: Any, source: str) -> str:
    """``value`` as a render mode; RenderModeError naming ``source`` when it is none."""
    text = str(value).strip().lower()
    if text not in RENDER_MODES:
        raise RenderModeError(value, source)
    return text


def render_mode(settings: Settings, spider: Any) -> str:
    """The render mode of a crawl: ``-s NEWS_RENDER`` > the profile's ``render`` > ``NEWS_RENDER``
    in the settings module > ``auto`` for a spider with a site profile, ``never`` without one."""
    value = settings.get("NEWS_RENDER")
    explicit = value not in (None, "") and (settings.getpriority("NEWS_RENDER") or 0) > \
        CMDLINE_PRIORITY
    if explicit:
        return check_mode(value, "NEWS_RENDER")
    profile = getattr(spider, "profile", None)
    if profile is not None and getattr(profile, "render", None):
        return check_mode(profile.render, f"profile {profile.name}")
    if value not in (None, ""):
        return check_mode(value, "NEWS_RENDER")
    has_profile = bool(getattr(spider, "site_name", None))  # -a site=NAME (a sites/*.toml)
    return AUTO if has_profile else NEVER
