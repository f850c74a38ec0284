"""Extract and run the code blocks of the documentation (the docs snippet convention).

Every ``.. code-block:: python`` and ``.. code-block:: console`` block of a page runs,
in page order, against one fresh emulator per page:

* ``console`` blocks: each line starting with ``$ `` is a bash command (one bash session
  per page, so ``cd`` and variables persist; a command ending in ``\\`` continues on the
  next line). The lines up to the next ``$ `` are the expected output (stdout and stderr,
  as a terminal shows them), compared after stripping trailing whitespace, ``...``
  matching any text. No output lines: the output is not checked. A command must exit
  0, unless the block has ``:caption: Fails`` (then it must not).
* ``python`` blocks run in one namespace per page; a block followed by a
  ``.. code-block:: text`` block with ``:caption: Output`` must print exactly that.
* a block whose caption starts with ``Not run:`` is skipped; the reason is required.

This module is both the extractor (used by ``tests/test_docs_snippets.py``) and the
driver that runs a page inside ``python -m dxpy.emulator exec`` (``python snippets.py
PLAN.json RESULT.json``): the driver holds the page's Python namespace and its bash session.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: How long one console command or one python block may take.
STEP_TIMEOUT = 180.0
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. code-block::\s*(?P<lang>\S+)\s*$")
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*?)\s*$")
#: A route the emulator does not serve yet (a page that needs it is skipped, naming it).
MISSING_ROUTE = re.compile(r"The route (/\S+) could not be found")
_SENTINEL = "__DXPY_DOCS_STEP_DONE__"


@dataclass
class Block:
    """One code block of a page."""

    lang: str
    line: int
    code: str
    caption: str = ""
    expected_output: str | None = None  # python blocks: the following Output block

    @property
    def not_run_reason(self) -> str | None:
        """The reason given by a ``:caption: Not run: <reason>``, or ``None``."""
        if self.caption.lower().startswith("not run"):
            return self.caption.partition(":")[2].strip()
        return None


@dataclass
class Command:
    """One ``$ `` command of a console block, with the output it must print."""

    line: int
    command: str
    expected: list[str] = field(default_factory=list)


def parse_blocks(text: str) -> list[Block]:
    """Every ``code-block`` of a reST page, in order, options parsed and bodies dedented.

    :param text: the page's reStructuredText.
    :returns: the blocks (all languages; ``text`` Output blocks are attached to the python
        block before them and also returned).
    """
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _DIRECTIVE.match(lines[i])
        if not match:
            i += 1
            continue
        indent = len(match.group("indent").expandtabs())
        start = i + 1
        i += 1
        options: dict[str, str] = {}
        while i < len(lines) and lines[i].strip() and (opt := _OPTION.match(lines[i])):
            options[opt.group("name")] = opt.group("value")
            i += 1
        body: list[str] = []
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            body.append(lines[i])
            i += 1
        code = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
        blocks.append(Block(match.group("lang"), start, code, options.get("caption", "")))
    for previous, block in zip(blocks, blocks[1:]):
        if block.lang == "text" and block.caption.lower() == "output" and previous.lang == "python":
            previous.expected_output = block.code
    return blocks


def runnable_blocks(text: str) -> list[Block]:
    """The python and console blocks of a page (``Not run`` ones included, flagged).

    :param text: the page's reStructuredText.
    :returns: the blocks the runner handles.
    """
    return [b for b in parse_blocks(text) if b.lang in ("python", "console")]


def parse_console(block: Block) -> list[Command]:
    """Split a console block into commands and their expected output lines.

    :param block: a ``console`` block.
    :returns: the commands, in order.
    :raises ValueError: if the block has text before its first ``$ `` command.
    """
    commands: list[Command] = []
    lines = block.code.rstrip("\n").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if not commands:
                where = block.line + i
                raise ValueError(f"line {where}: console text before the first '$ ' command: {line!r}")
            commands[-1].expected.append(line)
            i += 1
            continue
        command = line[2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command + "\n" + lines[i].removeprefix("> ")
        commands.append(Command(block.line + i, command))
        i += 1
    return commands


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"


def output_matches(expected: str, actual: str) -> bool:
    """Compare outputs as the convention says: trailing whitespace ignored, ``...`` matches anything.

    :param expected: the documented output.
    :param actual: what the code printed.
    :returns: whether they match.
    """
    checker = doctest.OutputChecker()
    return checker.check_output(_normalise(expected), _normalise(actual), doctest.ELLIPSIS)


# --- the driver (runs inside ``python -m dxpy.emulator exec``) ---------------------------------


class BashSession:
    """One bash process per page; commands arrive on a pipe, their output comes back merged."""

    def __init__(self) -> None:
        read_fd, self._write_fd = os.pipe()
        self._proc = subprocess.Popen(
            ["bash", "--noprofile", "--norc", f"/dev/fd/{read_fd}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            pass_fds=(read_fd,), start_new_session=True,
        )
        os.close(read_fd)
        #: the session ended (a command ran ``exit``); the next command needs a new one
        self.dead = False

    def run(self, command: str, timeout: float = STEP_TIMEOUT) -> tuple[int, str]:
        """Run one command.

        :param command: bash text (may span lines).
        :param timeout: seconds before the session is killed.
        :returns: the exit status and the merged output.
        :raises TimeoutError: when the command does not finish in time.
        """
        script = f"{command}\n__dxpy_rc=$?; printf '\\n{_SENTINEL} %s\\n' \"$__dxpy_rc\"\n"
        os.write(self._write_fd, script.encode())
        assert self._proc.stdout is not None
        out = b""
        deadline = time.monotonic() + timeout
        marker = re.compile(rb"\n" + _SENTINEL.encode() + rb" (\d+)\n$")
        while True:
            found = marker.search(out)
            if found:
                return int(found.group(1)), out[: found.start()].decode("utf-8", "replace")
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise TimeoutError(f"timed out; output so far:\n{out.decode('utf-8', 'replace')}")
            ready, _, _ = select.select([self._proc.stdout], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self._proc.stdout.fileno(), 65536)
                if not chunk:  # the command ended the session (``exit``)
                    status = self._proc.wait()
                    self.dead = True
                    return status, out.decode("utf-8", "replace")
                out += chunk

    def close(self) -> None:
        """End the session, and whatever the page left running in the background."""
        with contextlib.suppress(OSError):
            os.close(self._write_fd)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        # background jobs of a non-interactive bash stay in its process group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGTERM)


class Failure(Exception):
    """A block did not do what the page says."""


class Skip(Exception):
    """The page needs something this emulator does not have yet."""


def _where(page: str, line: int) -> str:
    return f"{page}, line {line}"


def _run_python(page: str, block: Block, namespace: dict[str, Any]) -> None:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block.code, f"{page}:{block.line}", "exec"), namespace)  # noqa: S102
    except Exception as exc:
        missing = MISSING_ROUTE.search(str(exc))
        if missing:
            where = _where(page, block.line)
            raise Skip(f"{where} needs {missing.group(1)}, which the emulator lacks") from exc
        raise Failure(
            f"python block at {_where(page, block.line)} raised:\n{traceback.format_exc()}\n"
            f"block:\n{textwrap.indent(block.code, '    ')}\nprinted:\n{out.getvalue()}"
        ) from exc
    if block.expected_output is not None and not output_matches(block.expected_output, out.getvalue()):
        raise Failure(
            f"python block at {_where(page, block.line)} printed something else.\n"
            f"block:\n{textwrap.indent(block.code, '    ')}\n"
            f"expected:\n{textwrap.indent(block.expected_output, '    ')}\n"
            f"actual:\n{textwrap.indent(out.getvalue(), '    ')}"
        )


def _run_console(page: str, block: Block, bash: BashSession) -> None:
    must_fail = block.caption.strip().lower() == "fails"
    try:
        commands = parse_console(block)
    except ValueError as exc:
        raise Failure(f"console block at {_where(page, block.line)}: {exc}") from exc
    for cmd in commands:
        try:
            status, output = bash.run(cmd.command)
        except TimeoutError as exc:
            raise Failure(f"$ {cmd.command}\n({_where(page, cmd.line)}) {exc}") from exc
        missing = MISSING_ROUTE.search(output)
        if missing and status != 0:
            raise Skip(f"{_where(page, cmd.line)} needs {missing.group(1)}, which the emulator lacks")
        report = (
            f"$ {cmd.command}\n({_where(page, cmd.line)}) exit status {status}\n"
            f"expected output:\n{textwrap.indent(chr(10).join(cmd.expected) or '(not checked)', '    ')}\n"
            f"actual output:\n{textwrap.indent(output, '    ')}"
        )
        if must_fail and status == 0:
            raise Failure("this command of a 'Fails' block succeeded:\n" + report)
        if not must_fail and status != 0:
            raise Failure("command failed:\n" + report)
        if cmd.expected and not output_matches("\n".join(cmd.expected), output):
            raise Failure("command printed something else:\n" + report)


def run_page(page: str, blocks: list[Block]) -> dict[str, Any]:
    """Run a page's blocks in order; stop at the first failure.

    :param page: the page's name, for messages.
    :param blocks: its runnable blocks.
    :returns: ``{"status": "passed"|"failed"|"skipped", "message", "ran"}``.
    """
    namespace: dict[str, Any] = {"__name__": "__main__"}
    bash: BashSession | None = None
    ran = 0
    try:
        for block in blocks:
            if block.not_run_reason is not None:
                continue
            if block.lang == "python":
                _run_python(page, block, namespace)
            else:
                bash = bash if bash is not None and not bash.dead else BashSession()
                _run_console(page, block, bash)
            ran += 1
    except Failure as exc:
        return {"status": "failed", "message": str(exc), "ran": ran}
    except Skip as exc:
        return {"status": "skipped", "message": str(exc), "ran": ran}
    finally:
        if bash is not None:
            bash.close()
    return {"status": "passed", "message": "", "ran": ran}


def main(argv: list[str]) -> int:
    """Driver entry point: ``snippets.py PLAN.json RESULT.json``.

    :param argv: the plan (``{"page", "blocks"}``) and result file names.
    :returns: 0 (the result file says how the page went).
    """
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    blocks = [Block(**b) for b in plan["blocks"]]
    result = run_page(plan["page"], blocks)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


def plan_json(page: str, blocks: list[Block]) -> str:
    """The plan file the driver reads.

    :param page: the page's name.
    :param blocks: its runnable blocks.
    :returns: JSON text.
    """
    return json.dumps({"page": page, "blocks": [asdict(b) for b in blocks]})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
