"""NEWS_WARC values and a site profile's ``warc`` field."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from crawler.exceptions import ProfileError
from crawler.profiles import load_profile
from crawler.warc.modes import warc_mode


def test_setting_values_and_profile_wins() -> None:
    """articles by default; off/False/0 switch off; a profile's warc beats the setting."""
    assert warc_mode(None) == "articles"
    assert warc_mode("ALL") == "all"
    assert warc_mode(False) == warc_mode("False") == warc_mode("0") == "off"
    spider = SimpleNamespace(profile=SimpleNamespace(warc="all"))
    assert warc_mode("off", spider) == "all"
    assert warc_mode("all", SimpleNamespace(profile=SimpleNamespace(warc=None))) == "all"
    with pytest.raises(ValueError, match="NEWS_WARC must be one of articles, all, off"):
        warc_mode("everything")


def test_profile_warc_field(tmp_path: Path) -> None:
    """``warc = "all"`` loads; an unknown value is a ProfileError naming the field."""
    (tmp_path / "a.toml").write_text('name = "a"\nstart_urls = ["https://a.example/"]\n'
                                     'warc = "all"\n')
    assert load_profile("a", tmp_path).warc == "all"
    (tmp_path / "b.toml").write_text('name = "b"\nstart_urls = ["https://b.example/"]\n'
                                     'warc = "yes"\n')
    with pytest.raises(ProfileError, match="warc must be one of"):
        load_profile("b", tmp_path)
