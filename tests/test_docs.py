"""The docs are part of the product: every command, option and setting is documented, and the Quick start is real."""

from __future__ import annotations

import re

from conftest import ROOT

from generator.cli import _parser
from generator.plugin import ParallaxConfig

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.S)
    assert block, "the Quick start section has no fenced code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    commands = quick_start_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert ci_lines[-1] == commands[1]
    assert commands[0] in ci_lines


def test_every_command_line_option_is_documented():
    parser = _parser()
    subparsers = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    for name, sub in subparsers.choices.items():
        assert f"python -m generator {name}" in README
        for action in sub._actions:
            for flag in action.option_strings:
                if flag in ("-h", "--help"):
                    continue
                assert f"`{flag}" in README or f"{flag}`" in README, f"{name} {flag} is not documented"


def test_every_plugin_setting_is_documented():
    for name, _ in ParallaxConfig._schema:
        assert f"`{name}`" in README, f"plugin setting {name} is not documented"


def test_docs_pages_exist_and_are_linked_from_the_home_page():
    for page in ("about.md", "methodology.md", "how-to-cite.md"):
        assert (ROOT / "docs" / page).is_file()
    assert not (ROOT / "docs" / "index.md").exists(), "the home page is generated; docs/index.md would hide it"
