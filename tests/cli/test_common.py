"""``dx``'s shared error handling: one line per error, module-qualified names, tracebacks on request."""

from __future__ import annotations

from dxpy.cli._common import CLIExit, format_error
from dxpy.exceptions import ResourceNotFound


def test_format_error_names_the_module_of_non_builtin_exceptions():
    error = ResourceNotFound({"error": {"type": "ResourceNotFound", "message": "gone"}}, 404)
    assert format_error(error).startswith("dxpy.exceptions.ResourceNotFound: gone")
    assert format_error(ValueError("bad\nsecond line")) == "ValueError: bad"
    assert format_error(KeyError()) == "KeyError"
    assert format_error(CLIExit("as given", 3)) == "as given"


def test_help_lists_every_command_without_importing_them(dx_logged_out):
    out = dx_logged_out("-h").stdout
    for name in ("login", "select", "ls", "tree", "new", "set_properties", "api"):
        assert f"    {name}" in out


def test_verbose_adds_the_traceback(dx):
    assert "Traceback" not in dx.fails("api", "file-B0VK6F6gpqG6z7JGkbqQ000Q", "describe").stderr
    result = dx.run("--verbose", "api", "file-B0VK6F6gpqG6z7JGkbqQ000Q", "describe", check=False)
    assert result.returncode == 3 and "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("dxpy.exceptions.ResourceNotFound: ")


def test_help_command_and_bare_dx(dx_logged_out):
    assert dx_logged_out("help", "ls").stdout.startswith("usage: dx ls ")
    assert "    select" in dx_logged_out("help").stdout
    expected = 'dx help: no command called "nope" (dx help lists them)\n'
    assert dx_logged_out.fails("help", "nope").stderr == expected
    bare = dx_logged_out.fails()
    assert bare.returncode == 1 and bare.stdout.startswith("usage: dx ")
