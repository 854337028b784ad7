"""The command line's package: its entry points, and what its modules may import."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import taji_events.cli

CLI_PACKAGE = Path(taji_events.cli.__file__).parent
BIN = Path(sys.executable).parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "COLUMNS": "100"})


def test_the_console_script_and_python_m_print_the_same_help() -> None:
    script = _run(str(BIN / "taji-events"), "--help")
    module = _run(sys.executable, "-m", "taji_events", "--help")
    assert script.returncode == module.returncode == 0, (script.stderr, module.stderr)
    assert script.stdout == module.stdout
    for command in ("ingest", "state", "known", "timeline", "explain", "incidents", "extract",
                    "evaluate", "report", "export", "import", "verify", "export-rows"):
        assert re.search(rf"^    {command}\s", script.stdout, re.MULTILINE), command


def test_the_version_is_the_installed_distribution_s() -> None:
    done = _run(sys.executable, "-m", "taji_events", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"taji-events {taji_events.__version__}"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_cli_modules_import_modules_never_the_package_facade() -> None:
    offenders = {path.name: "taji_events" for path in sorted(CLI_PACKAGE.glob("*.py"))
                 if "taji_events" in _imported_modules(path)}
    assert offenders == {}, "import from the module that defines the name, not `taji_events`"


def test_the_core_never_imports_the_command_line() -> None:
    core = CLI_PACKAGE.parent
    importers = [path.name for path in sorted(core.glob("*.py"))
                 if path.name != "__main__.py"
                 and any(name == "taji_events.cli" or name.startswith("taji_events.cli.")
                         for name in _imported_modules(path))]
    assert importers == []
