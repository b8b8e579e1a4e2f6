"""``crawler/demo_site/generate.py``: the committed demo site is what the generator writes."""

from __future__ import annotations

from pathlib import Path

from crawler.demo_site.generate import WWW, main


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_committed_site_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    """An edit to the generator without regenerating (or to www/ by hand) shows up here."""
    main(["--out", str(tmp_path / "www")])
    generated, committed = _files(tmp_path / "www"), _files(WWW)
    assert sorted(generated) == sorted(committed)
    changed = [name for name in generated if generated[name] != committed[name]]
    assert not changed, f"run python -m crawler.demo_site.generate: {changed[:5]}"
