"""MkDocs hook: the API overview page, generated from ``taji_events.__all__``.

``reference/api/index.md`` is generated from ``taji_events.__all__``: every
top-level name, linked to where its module's page documents it, so a name added
to the package shows up here without anyone editing a page (and a name whose
module has no page fails the build). The module pages themselves are small
files under ``docs/reference/api/`` rendered by mkdocstrings from the
docstrings.
(``griffe_docstrings.py`` beside this file turns the docstrings into Markdown.)
"""

from __future__ import annotations

import importlib
import inspect
import types
import typing
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import taji_events

INDEX = "reference/api/index.md"

#: Module -> its page under docs/. Every name in ``taji_events.__all__`` must be
#: exported by one of these modules (or by the package itself).
MODULE_PAGES: Mapping[str, str] = {
    "taji_events.replay": "replay.md",
    "taji_events.index": "index-module.md",
    "taji_events.policies": "policies.md",
    "taji_events.ledger": "ledger.md",
    "taji_events.active_claims": "active_claims.md",
    "taji_events.snapshots": "snapshots.md",
    "taji_events.states": "states.md",
    "taji_events.events": "events.md",
    "taji_events.model": "model.md",
    "taji_events.beliefs": "beliefs.md",
    "taji_events.timepoint": "timepoint.md",
    "taji_events.lexicon": "lexicon.md",
    "taji_events.store": "stores.md",
    "taji_events.memory": "stores.md",
    "taji_events.sqlite": "stores.md",
    "taji_events.jsonl": "stores.md",
    "taji_events.postgres": "stores.md",
    "taji_events.serialization": "serialization.md",
    "taji_events.transfer": "transfer.md",
    "taji_events.exports": "exports.md",
    "taji_events.records": "records.md",
    "taji_events.report": "report.md",
    "taji_events.follow": "follow.md",
    "taji_events.extract": "extract.md",
    "taji_events.testing": "testing.md",
    "taji_events.errors": "errors.md",
}

# Names the package defines itself; documented on the overview page.
_OWN = ("open_store", "__version__")


def _kind(value: object) -> str:
    if isinstance(value, types.UnionType) or typing.get_origin(value) is not None:
        return "type alias"
    if inspect.isclass(value):
        return "exception" if issubclass(value, BaseException) else "class"
    return "function" if callable(value) else "constant"


def home_module(name: str, value: object) -> str:
    """The documented module that exports ``name`` (``value``) in its ``__all__``.

    Raises :class:`LookupError` when no documented module does, so a new
    top-level name cannot go undocumented.
    """
    defined_in = getattr(value, "__module__", None)
    # Where it is defined first; a module that only re-exports it comes second.
    for module_name in sorted(MODULE_PAGES, key=lambda candidate: candidate != defined_in):
        module = importlib.import_module(module_name)
        if name in getattr(module, "__all__", ()) and getattr(module, name, None) is value:
            return module_name
    raise LookupError(f"taji_events.{name} is exported by none of the documented modules "
                      f"{sorted(MODULE_PAGES)}; add its module to MODULE_PAGES in "
                      f"docs/_hooks/api_reference.py and give it a page")


def render_api_index() -> str:
    """The Markdown of the API overview page."""
    rows = []
    for name in sorted(taji_events.__all__, key=str.lower):
        if name in _OWN:
            continue
        value = getattr(taji_events, name)
        module = home_module(name, value)
        rows.append(f"| [`{name}`][{module}.{name}] | {_kind(value)} "
                    f"| [`{module}`]({MODULE_PAGES[module]}) |")
    return "\n".join([
        "# API reference",
        "",
        "Every name in the table below is importable from the package itself "
        "(`import taji_events as te`, then `te.believed_at`, `te.Count`, ...) and is "
        "documented on the page of the module that defines it, generated from its "
        "docstrings. Every other name is imported from its module (errors from "
        "`taji_events.errors`, each backend from its own module, such as "
        "`taji_events.sqlite.SQLiteStore`); [Changes](../../changes.md) lists the names "
        "the package exported before 0.3.0 and where each is now. "
        "`taji_events.extract` and `taji_events.testing` are imported on their own "
        "(`testing` needs the `testing` extra, which brings Hypothesis).",
        "",
        "::: taji_events.open_store",
        "    options:",
        "      show_root_full_path: false",
        "",
        "## Top-level names",
        "",
        f"`taji_events.__version__` is `{taji_events.__version__!r}`.",
        "",
        "| name | kind | module |",
        "|---|---|---|",
        *rows,
        "",
    ])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated overview page to the site."""
    files.append(File.generated(config, INDEX, content=render_api_index()))
    return files

