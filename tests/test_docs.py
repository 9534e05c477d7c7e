"""The docs are part of the product: every command, option and setting is documented, and the Quick start is real."""

from __future__ import annotations

import argparse
import re

from conftest import ROOT

from generator.cli import DEFAULT_CACHE, _parser
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


def table_after(heading_words: str) -> dict[str, str]:
    """The README table that follows the paragraph containing heading_words: first cell -> second cell."""
    section = README.split(heading_words, 1)[1]
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", section.split("\n\n|", 1)[1].split("\n\n", 1)[0], re.M)
    return {name: meaning for name, meaning in rows if name not in ("option", "setting", "---")}


def documented_default(meaning: str) -> str | None:
    """`default `X`` in a table cell, or None when the cell names no literal default."""
    found = re.search(r"default `([^`]+)`", meaning)
    return found.group(1) if found else None


def parser_options() -> dict[str, dict]:
    """Each option of each subcommand: its flags, its default, which commands have it."""
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options: dict[str, dict] = {
        "--version": {"flags": ["--version"], "default": None, "metavar": None, "commands": {"*"}}
    }
    for command, sub in subparsers.choices.items():
        for action in sub._actions:
            if not action.option_strings or "--help" in action.option_strings:
                continue
            entry = options.setdefault(action.dest, {"flags": action.option_strings, "commands": set()})
            entry["default"] = action.default
            entry["metavar"] = action.metavar
            entry["commands"].add(command)
    return options


def test_the_options_table_and_the_parser_agree_both_ways():
    table = table_after("Options of both commands")
    metavars = {part.strip("`").split()[0]: part.strip("`").split()[1:] for cell in table for part in cell.split(", ")}
    for dest, option in parser_options().items():
        assert metavars[option["flags"][-1]] == ([option["metavar"]] if option["metavar"] else []), dest
    flags_in_readme = {
        flag.strip("`").split()[0]: meaning for cell, meaning in table.items() for flag in cell.split(", ")
    }
    options = parser_options()
    in_code = {flag for o in options.values() for flag in o["flags"]}
    assert set(flags_in_readme) == in_code, "README options table and parser differ"
    for dest, option in options.items():
        meaning = flags_in_readme[option["flags"][-1]]
        only = re.match(r"\(`(\w+)`\)", meaning)
        if option["commands"] != {"*"}:
            expected = {"build", "export"} if only is None else {only.group(1)}
            assert option["commands"] == expected, (dest, option["commands"], meaning)
        # --cache-dir's default is filled in after parsing, so that --no-cache can refuse an explicit one
        default = DEFAULT_CACHE if dest == "cache_dir" else option["default"]
        if default in (None, False, 0) or isinstance(default, bool):
            assert documented_default(meaning) is None, f"{dest}: README names a default the code does not have"
        else:
            assert documented_default(meaning) == str(default), f"{dest}: default {default} vs README {meaning}"


def test_every_command_is_shown_and_every_shown_command_exists():
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    shown = set(re.findall(r"^\s+parallax (\w+)", README, re.M))
    assert shown == set(subparsers.choices)
    for name in subparsers.choices:
        assert f"python -m generator {name}" in README or name != "build"


def test_the_settings_table_and_the_plugin_schema_agree_both_ways():
    table = table_after("The MkDocs plugin")
    names = {cell.strip("`"): meaning for cell, meaning in table.items()}
    schema = dict(ParallaxConfig._schema)
    assert set(names) == set(schema)
    for name, option in schema.items():
        default = option.default
        if default is None:
            assert documented_default(names[name]) is None, f"{name}: README names a default the code does not have"
        else:
            assert documented_default(names[name]) == str(default), f"{name}: {default} vs README {names[name]}"


def test_docs_pages_name_only_options_and_settings_that_exist():
    """docs/ may mention options and settings; each one it mentions must exist."""
    flags = {flag for o in parser_options().values() for flag in o["flags"]}
    settings = {name for name, _ in ParallaxConfig._schema}
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for flag in re.findall(r"`(--[a-z-]+)", text):
            assert flag in flags, f"{page.name} names {flag}, which the command line does not have"
        for setting in re.findall(r"`(\w+)` setting", text):
            assert setting in settings, f"{page.name} names setting {setting}, which the plugin does not have"


def test_the_packaged_settings_and_mkdocs_yml_share_one_source():
    """mkdocs.yml inherits Parallax's packaged settings, so `parallax build` and `mkdocs build` make one site."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "INHERIT: generator/default_mkdocs.yml" in text
    assert "theme:" not in text


def test_docs_pages_exist_and_are_linked_from_the_home_page():
    for page in ("about.md", "methodology.md", "how-to-cite.md"):
        assert (ROOT / "docs" / page).is_file()
    assert not (ROOT / "docs" / "index.md").exists(), "the home page is generated; docs/index.md would hide it"


def test_the_methodology_lists_exactly_the_registered_fact_kinds():
    import generator.extract  # noqa: F401  (registers the kinds)
    from generator.kinds import fact_kinds

    methodology = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    finding = methodology.split("## 2. Finding the facts", 1)[1].split("\n## ", 1)[0]
    described = set(re.findall(r"^- \*\*([^*]+)\*\*", finding, re.M))
    assert described == {k.plural for k in fact_kinds()}
