"""MkDocs hook: the command-line reference, generated from the argument parser.

``reference/cli.md`` does not exist on disk: it is rendered from
``taji_events.cli.build_parser()`` every time the site is built, so it cannot
drift from ``taji-events --help``. ``tests/test_docs_site.py`` checks it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from taji_events.cli import build_parser

PAGE = "reference/cli.md"

# Outside code spans, these would be read as Markdown or HTML.
_SPECIAL = re.compile(r"([\\*_\[\]<>])")
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def _escape(text: str) -> str:
    """``text`` as literal Markdown, leaving `code spans` as they are."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if index % 2 else _SPECIAL.sub(r"\\\1", part)
                   for index, part in enumerate(parts))


def _paragraphs(text: str) -> str:
    """Hard-wrapped help text as Markdown paragraphs."""
    blocks = [" ".join(line.strip() for line in block.splitlines())
              for block in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(_escape(block) for block in blocks if block)


# A fixed width, so the page does not depend on the terminal that builds it.
WIDTH = 88


def _formatter(parser: argparse.ArgumentParser) -> argparse.HelpFormatter:
    make: Callable[..., argparse.HelpFormatter] = parser.formatter_class  # takes width too
    return make(prog=parser.prog, width=WIDTH)


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = _formatter(parser)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups,
                        prefix="")
    return f"```text\n{formatter.format_help().strip()}\n```"


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every subcommand of ``parser``, by name, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def _arguments(parser: argparse.ArgumentParser) -> Iterator[str]:
    """One Markdown list item per argument: its invocation, then its help."""
    formatter = _formatter(parser)
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        invocation = formatter._format_action_invocation(action)
        notes = []
        if action.option_strings and action.required:
            notes.append("required")
        if not action.option_strings and action.nargs in ("*", "+"):
            notes.append("any number" if action.nargs == "*" else "one or more")
        help_text = formatter._expand_help(action) if action.help else ""
        suffix = f" ({', '.join(notes)})" if notes else ""
        yield f"- `{invocation}`{suffix}: {_escape(help_text)}"


def _anchor(name: str) -> str:
    return f"taji-events-{name}"


def render_cli_reference(parser: argparse.ArgumentParser | None = None) -> str:
    """The Markdown of the command-line reference for ``parser`` (default: the
    parser of ``taji-events``)."""
    parser = parser or build_parser()
    commands = subcommands(parser)
    summaries = _summaries(parser)
    lines = [
        "# Command-line reference",
        "",
        f"Generated from `taji_events.cli.build_parser()` when this site is built, so it "
        f"says exactly what `{parser.prog} --help` and `{parser.prog} COMMAND --help` say. "
        "For a guided tour with examples and the JSON output formats, see "
        "[The command line](../cli.md).",
        "",
        f"## {parser.prog}",
        "",
        _usage(parser),
        "",
        _paragraphs(parser.description or ""),
        "",
        "| command | what it does |",
        "|---|---|",
        *(f"| [`{name}`](#{_anchor(name)}) | {_escape(summaries.get(name, ''))} |"
          for name in commands),
        "",
        "Options:",
        "",
        *_arguments(parser),
        "",
        "Shared by every command:",
        "",
        f"```text\n{(parser.epilog or '').strip()}\n```",
        "",
    ]
    for name, sub in commands.items():
        lines += [
            f"## {parser.prog} {name}",
            "",
            _usage(sub),
            "",
            _paragraphs(sub.description or summaries.get(name, "")),
            "",
            "Arguments and options:",
            "",
            *_arguments(sub),
            "",
        ]
    return "\n".join(lines)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated page to the site."""
    files.append(File.generated(config, PAGE, content=render_cli_reference()))
    return files
