"""``dx api SUBJECT METHOD [INPUT]``: raw calls, JSON in and out."""

from __future__ import annotations


def test_api_prints_the_answer_as_indented_json(dx, dx_emulator):
    result = dx("api", "system", "whoami")
    assert result.stdout == f'{{\n    "id": "{dx_emulator.user_id}"\n}}\n'


def test_api_input_from_argument_file_and_stdin(dx, tmp_path):
    body = '{"fields": {"name": true}}'
    expected = {"id": dx.project_id, "name": "cli test project"}
    assert dx("api", dx.project_id, "describe", body).json() == expected
    path = tmp_path / "input.json"
    path.write_text(body)
    assert dx("api", dx.project_id, "describe", "--input", str(path)).json() == expected
    assert dx("api", dx.project_id, "describe", "--input", "-", input=body).json() == expected


def test_api_changes_state(dx):
    dx("api", dx.project_id, "newFolder", '{"folder": "/made/by/api", "parents": true}')
    assert dx("ls", "/made/by").stdout == "api/\n"


def test_api_errors_are_one_line(dx):
    result = dx.fails("api", "file-B0VK6F6gpqG6z7JGkbqQ000Q", "describe")
    assert result.returncode == 3
    assert result.stderr.startswith("dxpy.exceptions.ResourceNotFound: ")
    assert len(result.stderr.splitlines()) == 1
    assert "the input is not valid JSON" in dx.fails("api", "system", "whoami", "{bad").stderr
    assert "cannot read the input" in dx.fails("api", "system", "whoami", "--input", "/no/such/file").stderr
    assert "not a valid resource" in dx.fails("api", "a/b", "describe").stderr
    assert dx.fails("api", "system", "whoami", "{}", "--input", "-").returncode == 2


def test_api_without_credentials_fails_cleanly(dx_logged_out):
    result = dx_logged_out.fails("api", "system", "whoami")
    assert result.returncode == 3 and len(result.stderr.strip().splitlines()) == 1
