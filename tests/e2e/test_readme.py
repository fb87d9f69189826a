"""The README's commands as an officer types them: each `briefgen` command is one the command
line takes, each multi-line example has its PowerShell form, and the set-up is two commands.
(The walk-through itself is run, as typed, in test_scaffold.py.)"""

from __future__ import annotations

import re
import shlex

import pytest

from briefgen.arguments import parser

from ..helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.M | re.S)


def commands(block: str, continuation: str = "\\`") -> list[str]:
    """The block's commands, a line continued (ending in one of ``continuation``) joined to
    the next."""
    joined = re.sub(f"[{re.escape(continuation)}]\\n\\s*", " ", block)
    return [
        line.removeprefix("$ ")
        for line in joined.splitlines()
        if line.removeprefix("$ ").startswith("briefgen")
    ]


TYPED = [command for block in BLOCKS for command in commands(block)]


def test_there_are_commands_to_check():
    assert len(TYPED) > 20


@pytest.mark.parametrize("command", TYPED)
def test_each_command_is_one_briefgen_takes(command, capsys):
    words = shlex.split(command.replace("\\", "/"), comments=True)[1:]
    try:
        parser().parse_args(words)
    except SystemExit as exited:
        pytest.fail(f"{command}: {capsys.readouterr().err} (exit {exited.code})")


def test_each_multi_line_example_has_its_powershell_form():
    in_powershell = [
        block.split("```")[0] for block in README.split("<!-- powershell -->\n```\n")[1:]
    ]
    continued = [
        command
        for block in BLOCKS
        if block not in in_powershell
        for command in commands(block, "\\")
        if command not in block
    ]
    powershell = [command for block in in_powershell for command in commands(block, "`")]
    assert continued
    assert [shlex.split(c.replace("\\", "/")) for c in powershell] == [
        shlex.split(c) for c in continued
    ]


def test_the_set_up_is_two_commands_and_ci_reads_the_second():
    set_up = [block for block in BLOCKS if block.startswith("python3 -m venv .venv")]
    assert len(set_up) == 2 and all(block.count("\n") == 1 for block in set_up)
    install, tests = set_up
    assert ".venv/bin/briefgen build inputs/metropolitan-2018-19" in install
    assert README.split("<!-- test-command -->\n```\n")[1].startswith(tests)
    assert 'pip install -e ".[test]"' in tests and "pytest" in tests


def test_windows_steps_say_how_to_activate_and_what_to_do_when_scripts_are_disabled():
    for step in (
        "Code › Download ZIP",
        "py -m venv .venv",
        ".venv\\Scripts\\Activate.ps1",
        "Set-ExecutionPolicy -Scope CurrentUser RemoteSigned",
        ".venv\\Scripts\\activate.bat",
    ):
        assert step in README
