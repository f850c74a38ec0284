"""``dx`` itself: version, help, unknown commands."""

from __future__ import annotations

from dxpy._version import __version__


def test_version_prints_the_package_version(dx_logged_out):
    result = dx_logged_out("--version")
    assert result.stdout.strip() == f"dx v{__version__}"


def test_unknown_command_is_a_usage_error(dx_logged_out):
    result = dx_logged_out.fails("no-such-command")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
