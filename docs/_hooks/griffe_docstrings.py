"""Griffe extension: the library's docstrings as Markdown for the API reference.

The docstrings are written to read well in ``help()`` and to run as doctests:
``>>>`` examples without fences, Sphinx roles (``:func:`believed_at```) and
``::`` before literal blocks. Markdown would show the examples as paragraphs (and
read ``[...]`` in their output as links) and the roles as stray text, so this
extension rewrites each docstring when mkdocstrings loads it: examples become
``pycon`` code blocks, roles become inline code, ``::`` becomes ``:``. The
docstrings themselves are unchanged.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|data|exc|mod|obj|const):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def to_markdown(text: str) -> str:
    """``text`` (a cleaned docstring) with doctest examples fenced as ``pycon``,
    Sphinx roles as inline code and ``::`` markers as ``:``."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            block: list[str] = []
            while index < len(lines) and lines[index].strip():
                current = lines[index]
                block.append(current[len(indent):] if current.startswith(indent) else current.strip())
                index += 1
            if out and out[-1].strip():
                out.append("")
            out += [f"{indent}```pycon", *(f"{indent}{item}" for item in block), f"{indent}```"]
            continue
        line = _ROLE.sub(_role, line)
        if line.endswith("::") and not line.endswith(" ::"):
            line = line[:-1]
        elif line.strip() == "::":
            line = ""
        out.append(line)
        index += 1
    return "\n".join(out)


class MarkdownDocstrings(griffe.Extension):
    """Rewrite every loaded docstring with :func:`to_markdown`."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
