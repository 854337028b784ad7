"""The package's layers, read from the source: what each module may import.

Every module under ``src/taji_events`` is parsed with :mod:`ast` (nothing is
imported), and its import statements are sorted into those that run when the
module is imported (the module graph), those under ``if TYPE_CHECKING:`` (for
annotations only) and those inside functions. The rules of the layering:

* the pure core (values and the fold) reaches no serialization, no store, no
  file I/O and no shell module, however indirectly;
* stores hold the log, never the projections: they reach no policy, belief or
  belief history;
* internal modules import modules, never the ``taji_events`` facade;
* imports sit at the top of a module: inside a function only for an optional
  extra (pandas, pyarrow, psycopg), or in a compatibility shim kept for one
  version, which warns;
* the module graph has no cycles.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import attrs

import taji_events

SOURCE: Final = Path(taji_events.__file__).parent
PACKAGE: Final = "taji_events"

#: Values and pure functions: the functional core every view is built on.
PURE: Final = ("taji_events.active_claims", "taji_events.beliefs", "taji_events.events",
               "taji_events.history", "taji_events.incremental", "taji_events.ledger",
               "taji_events.model", "taji_events.moment_fold", "taji_events.policies",
               "taji_events.states",
               "taji_events.timepoint")

#: What the core never reaches: serialization, stores, file I/O and the shell.
SHELL: Final = frozenset({
    "taji_events.atomic_files", "taji_events.chain", "taji_events.claims_table",
    "taji_events.exports", "taji_events.follow", "taji_events.frames", "taji_events.index",
    "taji_events.jsonl", "taji_events.line_format", "taji_events.memory",
    "taji_events.opening", "taji_events.postgres", "taji_events.recorder",
    "taji_events.recording", "taji_events.replay", "taji_events.report",
    "taji_events.serialization", "taji_events.snapshots", "taji_events.sqlite",
    "taji_events.store", "taji_events.table_files", "taji_events.text_revisions",
    "taji_events.transfer", "taji_events.cli",
})
#: Outside modules that read or write bytes, files or databases.
IO_LIBRARIES: Final = frozenset({
    "cattrs", "csv", "io", "json", "orjson", "os", "pathlib", "pickle", "psycopg", "pyarrow",
    "pandas", "shutil", "sqlite3", "tempfile", "tqdm",
})

#: The backends and the log format: they never reach a projection.
STORES: Final = ("taji_events.chain", "taji_events.claim_row_tables", "taji_events.jsonl",
                 "taji_events.line_format",
                 "taji_events.memory", "taji_events.postgres", "taji_events.recorder",
                 "taji_events.sqlite", "taji_events.store")
PROJECTIONS: Final = frozenset({"taji_events.beliefs", "taji_events.history",
                                "taji_events.incremental", "taji_events.policies"})

#: Optional third-party extras, imported only when the feature that needs them runs.
OPTIONAL_EXTRAS: Final = frozenset({"pandas", "pyarrow", "psycopg"})

#: Functions that import inside their body to keep a name that moved working for
#: one version (each warns). Remove them, and their entries here, in the next version.
COMPATIBILITY_SHIMS: Final[Mapping[str, frozenset[str]]] = {
    "taji_events.ledger": frozenset({"__getattr__", "Ledger.snapshot"}),
}


@attrs.frozen
class Import:
    """One imported module, where the import statement is."""

    module: str  # the absolute name of what is imported
    line: int
    function: str | None  # the enclosing function's qualified name, or None at module level
    type_checking: bool  # under ``if TYPE_CHECKING:``
    facade: bool  # ``import taji_events`` or ``from taji_events import name``

    @property
    def runs_on_import(self) -> bool:
        return self.function is None and not self.type_checking


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: Final = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, bool]]:
    """Each module an import statement imports, with whether it names the facade."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, alias.name == PACKAGE
        return
    base = node.module or ""
    if node.level:  # relative: resolve against the importing module's package
        package = module if MODULES.get(module, Path()).name == "__init__.py" else \
            module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    names = [f"{base}.{alias.name}" for alias in node.names]
    submodules = [name for name in names if name in MODULES]
    yield from ((name, False) for name in submodules)
    if len(submodules) < len(names):  # names defined by ``base`` itself
        yield base, base == PACKAGE


def imports_of(module: str) -> list[Import]:
    """Every import statement of ``module``, resolved to absolute module names."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, function: str | None, scope: str, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend(Import(target, child.lineno, function, type_checking, facade)
                             for target, facade in _targets(module, child))
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                qualified = f"{scope}{child.name}"
                visit(child, function or qualified, f"{qualified}.", type_checking)
            elif isinstance(child, ast.ClassDef):
                visit(child, function, f"{scope}{child.name}.", type_checking)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for statement in child.body:
                    visit(ast.Module(body=[statement], type_ignores=[]), function, scope, True)
                for statement in child.orelse:
                    visit(ast.Module(body=[statement], type_ignores=[]), function, scope,
                          type_checking)
            else:
                visit(child, function, scope, type_checking)

    visit(tree, None, "", False)
    return found


IMPORTS: Final = {module: imports_of(module) for module in MODULES}


def _internal(name: str) -> str | None:
    """The package module ``name`` is (or is inside), or None for outside modules."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


#: The module graph: what each module imports when it is imported.
GRAPH: Final = {
    module: sorted({internal for item in items if item.runs_on_import
                    for internal in [_internal(item.module)]
                    if internal is not None and internal != module})
    for module, items in IMPORTS.items()
}


def _path_to(start: str, wanted: frozenset[str] | set[str]) -> list[str] | None:
    """The first import chain from ``start`` to a module in ``wanted`` (or inside a
    package in it), or None when there is none."""
    def hit(name: str) -> bool:
        return any(name == target or name.startswith(f"{target}.") for target in wanted)

    seen = {start}
    chains = [[start]]
    while chains:
        chain = chains.pop(0)
        for following in GRAPH[chain[-1]]:
            if hit(following):
                return [*chain, following]
            if following not in seen:
                seen.add(following)
                chains.append([*chain, following])
    return None


def _closure(start: str) -> set[str]:
    """``start`` and every module it imports, directly or not."""
    seen, pending = {start}, [start]
    while pending:
        for following in GRAPH[pending.pop()]:
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return seen


def test_every_module_is_found_and_parsed() -> None:
    assert {*PURE, *STORES, "taji_events", "taji_events.__main__"} <= MODULES.keys()
    assert all(IMPORTS[module] for module in PURE)  # each core module imports something
    # The graph search sees known edges: the queries read stores, the follower writes files.
    assert _path_to("taji_events.replay", {"taji_events.store"}) == [
        "taji_events.replay", "taji_events.store"]
    assert _path_to("taji_events.follow", {"taji_events.atomic_files"}) is not None


def test_the_pure_core_reaches_no_serialization_store_file_or_shell_module() -> None:
    reached = {module: _path_to(module, SHELL) for module in PURE}
    assert {module: " -> ".join(chain) for module, chain in reached.items() if chain} == {}


def test_the_pure_core_reaches_no_library_for_bytes_files_or_databases() -> None:
    problems = {}
    for start in PURE:
        for module in sorted(_closure(start)):
            used = sorted({item.module for item in IMPORTS[module] if item.runs_on_import
                           and item.module.partition(".")[0] in IO_LIBRARIES})
            if used:
                problems[f"{start} (through {module})"] = used
    assert problems == {}


def test_stores_never_reach_policies_beliefs_or_the_belief_history() -> None:
    reached = {module: _path_to(module, PROJECTIONS) for module in STORES}
    assert {module: " -> ".join(chain) for module, chain in reached.items() if chain} == {}


def test_modules_import_modules_never_the_package_facade() -> None:
    offenders = sorted(f"{module}:{item.line}" for module, items in IMPORTS.items()
                       if module not in ("taji_events", "taji_events.__main__")
                       for item in items if item.facade)
    assert offenders == [], "import from the module that defines the name, not `taji_events`"


def test_imports_sit_at_module_level_except_for_optional_extras_and_shims() -> None:
    inside = sorted(
        f"{module}:{item.line} {item.function} imports {item.module}"
        for module, items in IMPORTS.items() for item in items
        if item.function is not None and not item.type_checking
        and item.module.partition(".")[0] not in OPTIONAL_EXTRAS
        and item.function not in COMPATIBILITY_SHIMS.get(module, frozenset())
    )
    assert inside == [], "move the import to the top of the module (break a cycle by moving code)"


def _function(module: str, qualified: str) -> ast.FunctionDef:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    body: list[ast.stmt] = tree.body
    *classes, name = qualified.split(".")
    for class_name in classes:
        body = next(node for node in body
                    if isinstance(node, ast.ClassDef) and node.name == class_name).body
    return next(node for node in body if isinstance(node, ast.FunctionDef) and node.name == name)


def test_each_compatibility_shim_warns_and_still_imports_lazily() -> None:
    # A listed shim that no longer imports inside its body should leave the list, and
    # every shim must warn: it exists only to keep a moved name working for a version.
    for module, functions in COMPATIBILITY_SHIMS.items():
        for qualified in functions:
            node = _function(module, qualified)
            calls = {ast.unparse(call.func) for call in ast.walk(node)
                     if isinstance(call, ast.Call)}
            assert "warn_moved" in calls, f"{module}.{qualified} does not warn"
            assert any(item.function == qualified for item in IMPORTS[module]), qualified


def _cycles() -> list[list[str]]:
    """The strongly connected components of the module graph with more than one module
    (or a module importing itself), by Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for following in GRAPH[module]:
            if following not in index:
                connect(following)
                low[module] = min(low[module], low[following])
            elif following in on_stack:
                low[module] = min(low[module], index[following])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1 or module in GRAPH[module]:
                found.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            connect(module)
    return found


def test_the_module_graph_has_no_cycles() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    # The check above is only as good as the graph search: a planted cycle must show.
    GRAPH["taji_events.model"].append("taji_events.ledger")
    try:
        assert any({"taji_events.model", "taji_events.ledger"} <= set(cycle)
                   for cycle in _cycles())
    finally:
        GRAPH["taji_events.model"].remove("taji_events.ledger")
