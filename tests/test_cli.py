"""The CLI's frame: help, version, and how errors reach the user."""

from __future__ import annotations

import re

from click.testing import CliRunner

from kg import __version__
from kg.cli import main


def test_help_lists_every_command_with_a_summary() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Commands:" in result.output
    commands = re.findall(r"^  ([a-z-]+)\s+(\S.*)$", result.output.split("Commands:")[1], re.M)
    assert commands, result.output
    for name, summary in commands:
        assert summary.strip(), f"command {name} has no summary"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught error


def _commands() -> list[str]:
    result = CliRunner().invoke(main, ["--help"])
    return re.findall(r"^  ([a-z-]+)\s", result.output.split("Commands:")[1], re.M)


def test_every_command_is_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"`kg {name}" in readme, f"kg {name} is not documented in the README"


def test_every_command_help_has_an_example() -> None:
    for name in _commands():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output or "example" in result.output, f"kg {name} --help has no example"
