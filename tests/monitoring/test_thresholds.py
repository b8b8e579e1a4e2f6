"""Thresholds from NEWS_MONITOR_* settings and a profile's [monitoring] table."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from cleaners.health import HealthError
from crawler import settings as project_settings
from crawler.exceptions import ProfileError
from crawler.monitoring.assessment import thresholds_from
from crawler.profiles import load_profile


def _settings(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.setdict(overrides, priority="cmdline")
    return settings


def test_profile_monitoring_overrides_the_settings(tmp_path: Path) -> None:
    """[monitoring] wins over NEWS_MONITOR_*; -s strings are numbers; 'none' switches off."""
    (tmp_path / "a.toml").write_text('start_urls = ["http://127.0.0.1/"]\n'
                                     "[monitoring]\nmax_undated = 0.05\nmin_articles = 3\n")
    profile = load_profile("a", tmp_path)
    assert dict(profile.monitoring) == {"max_undated": 0.05, "min_articles": 3}
    limits = thresholds_from(_settings(NEWS_MONITOR_MAX_DROP="0.25",
                                       NEWS_MONITOR_MAX_NO_SECTIONS="none"),
                             dict(profile.monitoring))
    assert limits.to_dict() == {"min_articles": 3, "max_undated": 0.05, "max_no_sections": None,
                                "max_drop": 0.25, "history_runs": 5, "min_history": 3}


def test_defaults_come_from_the_settings_module() -> None:
    """Unchanged settings give crawler/settings.py's NEWS_MONITOR_* values."""
    limits = thresholds_from(_settings(), None)
    assert (limits.min_articles, limits.max_undated, limits.max_no_sections, limits.max_drop) == (
        project_settings.NEWS_MONITOR_MIN_ARTICLES, project_settings.NEWS_MONITOR_MAX_UNDATED,
        project_settings.NEWS_MONITOR_MAX_NO_SECTIONS, project_settings.NEWS_MONITOR_MAX_DROP)


def test_bad_profile_monitoring_names_file_and_key(tmp_path: Path) -> None:
    """A share over 1 or an unknown key: ProfileError with the file."""
    (tmp_path / "b.toml").write_text('start_urls = ["http://127.0.0.1/"]\n'
                                     "[monitoring]\nmax_undated = 20\n")
    with pytest.raises(ProfileError, match=r"b\.toml: \[monitoring\]: max_undated must be a "
                                           r"share between 0 and 1, got 20"):
        load_profile("b", tmp_path)
    (tmp_path / "c.toml").write_text('start_urls = ["http://127.0.0.1/"]\nmonitoring = 3\n')
    with pytest.raises(ProfileError, match=r"c\.toml: \[monitoring\] must be a table"):
        load_profile("c", tmp_path)


def test_bad_setting_is_named() -> None:
    """-s NEWS_MONITOR_MIN_ARTICLES=x: HealthError naming the setting."""
    with pytest.raises(HealthError, match="setting NEWS_MONITOR_MIN_ARTICLES: not a number"):
        thresholds_from(_settings(NEWS_MONITOR_MIN_ARTICLES="x"), None)
