"""``newsclean-scheduled-crawl`` argument and Scrapyd errors (no Scrapyd needed for these)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from crawler.monitoring.scheduled import main


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_scrapyd_unreachable_is_exit_1_naming_the_url(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing listens: exit 1, the URL in the message, no status file."""
    url = f"http://127.0.0.1:{_closed_port()}/schedule.json"
    status = tmp_path / "status.json"
    code = main([url, "-d", "project=newsclean", "-d", f"setting=OUTPUT_DIR={tmp_path}",
                 "--status-file", str(status)])
    assert code == 1
    assert f"newsclean-scheduled-crawl: {url}: " in capsys.readouterr().err
    assert not status.exists()


def test_arguments_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No OUTPUT_DIR setting, a -d without '=', a URL that is not schedule.json: usage errors."""
    for argv, message in (
        (["http://127.0.0.1:6800/schedule.json", "-d", "project=x"], "OUTPUT_DIR"),
        (["http://127.0.0.1:6800/schedule.json", "-d", "nonsense"], "expected KEY=VALUE"),
        (["http://127.0.0.1:6800/listjobs.json", "-d", f"setting=OUTPUT_DIR={tmp_path}"],
         "expected the URL of Scrapyd's schedule.json"),
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        assert message in capsys.readouterr().err


def test_a_netrc_without_the_host_is_named(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Credentials for another machine only: exit 1 naming the file and host."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine example.org login a password b\n")
    netrc.chmod(0o600)
    code = main(["http://127.0.0.1:6800/schedule.json", "--netrc-file", str(netrc),
                 "-d", f"setting=OUTPUT_DIR={tmp_path}"])
    assert code == 1
    assert f"{netrc}: no machine '127.0.0.1' (or default) in the netrc file" in (
        capsys.readouterr().err)
