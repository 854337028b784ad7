"""The documentation site: generated references cover the parser and the package,
and ``mkdocs build --strict`` passes (broken links, missing pages and docstring
problems fail it)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import taji_events
from taji_events.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "docs" / "_hooks"

if importlib.util.find_spec("mkdocs") is None:  # pragma: no cover - depends on the install
    if os.environ.get("CI") == "true":
        raise RuntimeError("mkdocs is missing; install the dev extra: pip install -e '.[dev]'")
    pytest.skip("mkdocs is not installed (pip install -e '.[dev]')", allow_module_level=True)


def load_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", HOOKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cli_reference = load_hook("cli_reference")
api_reference = load_hook("api_reference")


def parser_commands() -> dict[str, argparse.ArgumentParser]:
    commands: dict[str, argparse.ArgumentParser] = cli_reference.subcommands(build_parser())
    return commands


def test_the_parser_has_subcommands_to_document() -> None:
    assert {"ingest", "state", "known", "timeline", "explain", "verify"} <= set(parser_commands())


def test_every_subcommand_and_option_is_in_the_cli_reference() -> None:
    page = cli_reference.render_cli_reference()
    for name, sub in parser_commands().items():
        assert f"\n## taji-events {name}\n" in page, name
        assert f"(#taji-events-{name})" in page, name  # listed in the command table
        section = page.split(f"\n## taji-events {name}\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings:
                assert f"`{option}" in section or f", {option}" in section, (name, option)
            if not action.option_strings:
                assert f"`{action.metavar or action.dest}`" in section, (name, action.dest)
            if action.help and action.help != argparse.SUPPRESS:
                first_words = " ".join(action.help.split()[:3])
                assert cli_reference._escape(first_words) in section, (name, action.help)


def test_the_cli_reference_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    wide = cli_reference.render_cli_reference()
    monkeypatch.setenv("COLUMNS", "40")
    assert cli_reference.render_cli_reference() == wide


def test_markdown_specials_in_help_are_escaped_outside_code() -> None:
    assert cli_reference._escape("holding <id>.txt, `keep <this>`, TAJI_EVENTS_DB") == \
        r"holding \<id\>.txt, `keep <this>`, TAJI\_EVENTS\_DB"


def test_every_top_level_name_is_on_a_module_page() -> None:
    page = api_reference.render_api_index()
    for name in taji_events.__all__:
        if name in ("open_store", "__version__"):
            continue
        module = api_reference.home_module(name, getattr(taji_events, name))
        assert f"[`{name}`][{module}.{name}]" in page


def test_every_documented_module_has_its_page() -> None:
    pages = ROOT / "docs" / "reference" / "api"
    for module, page in api_reference.MODULE_PAGES.items():
        assert f"::: {module}\n" in (pages / page).read_text(encoding="utf-8") + "\n", module


def test_docstrings_become_markdown() -> None:
    griffe_docstrings = load_hook("griffe_docstrings")
    text = "Use :func:`believed_at` or :class:`~taji_events.errors.StoreError`::\n\n" \
           "    code\n\nExample:\n>>> 1 + 1\n2\n\nDone."
    assert griffe_docstrings.to_markdown(text) == (
        "Use `believed_at` or `StoreError`:\n\n    code\n\nExample:\n\n"
        "```pycon\n>>> 1 + 1\n2\n```\n\nDone.")


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site),
         "--config-file", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    reference = (site / "reference" / "cli.html").read_text(encoding="utf-8")
    for name in parser_commands():
        assert f'id="taji-events-{name}"' in reference, name
    api = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert 'href="replay.html#taji_events.replay.believed_at"' in api
    for page in ("tutorial", "laws", "howto/custom-policy", "howto/postgresql", "howto/raw-text"):
        assert (site / f"{page}.html").is_file(), page
