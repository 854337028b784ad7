"""MkDocs hook: the stylesheet for highlighted code, generated from Pygments.

Code blocks are highlighted when the site is built (``codehilite``), so the pages
need no script and no network to show colours; this writes the matching
stylesheet as ``assets/pygments.css``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]

STYLESHEET = "assets/pygments.css"


def stylesheet() -> str:
    """Pygments' default style for code blocks rendered by codehilite and mkdocstrings."""
    formatter = HtmlFormatter(style="default")
    return "\n".join(formatter.get_style_defs(selector) for selector in (".codehilite", ".highlight"))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the stylesheet to the site."""
    files.append(File.generated(config, STYLESHEET, content=stylesheet()))
    return files
