"""The layers of the code base: data flows one way, sources → provisions → index → retrieval →
answer → UI/CLI/evaluation, and imports follow it.

Every import statement counts, including those inside functions and under ``TYPE_CHECKING``:
a lazy import is still a dependency, and a cycle hidden in one is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

BELOW_SEARCH = {"assistant.errors", "assistant.settings", "assistant.model"}
# Each layer and what it may import (besides itself and third-party code).
LAYERS: dict[str, set[str]] = {
    "assistant.errors": set(),
    "assistant.settings": {"assistant.errors"},
    "assistant.model": {"assistant.errors", "assistant.settings"},
    "assistant.search": BELOW_SEARCH,
    "ingest": BELOW_SEARCH | {"assistant.search"},  # writes the index that search reads
    "assistant.answers": BELOW_SEARCH | {"assistant.search"},
    "assistant.evaluation": BELOW_SEARCH | {"assistant.search", "assistant.answers"},
    "assistant.ui": BELOW_SEARCH | {"assistant.search", "assistant.answers"},
    "assistant.cli": BELOW_SEARCH
    | {"assistant.search", "assistant.answers", "assistant.evaluation"},
    "assistant.__main__": {"assistant.cli"},
    "assistant": {"assistant.answers", "assistant.model", "assistant.settings"},  # public API
    "streamlit_app": {"assistant.ui"},
}
# Narrower rules inside a layer: the objects every front end consumes stay light.
LIGHT = {
    "assistant.answers.answer": ("assistant.search", "chromadb", "langchain_chroma", "torch"),
    "assistant.model": ("assistant.search", "chromadb", "langchain", "torch", "streamlit"),
}


def _modules() -> dict[str, Path]:
    files = [*PROJECT_ROOT.glob("assistant/**/*.py"), *PROJECT_ROOT.glob("ingest/**/*.py")]
    files.append(PROJECT_ROOT / "streamlit_app.py")
    modules = {}
    for path in files:
        parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module name imported anywhere in the file (``from a import b`` counts as
    ``a.b`` when that is a module of ours)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _ours(name: str) -> str | None:
    """The module of ours an imported name refers to, or None for third-party code."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _layer(module: str) -> str:
    return max(
        (layer for layer in LAYERS if module == layer or module.startswith(layer + ".")), key=len
    )


GRAPH = {m: {o for n in _imports(p) if (o := _ours(n)) and o != m} for m, p in MODULES.items()}


def test_every_module_belongs_to_a_layer():
    assert all(_layer(m) for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_the_layers_below_it(module):
    layer = _layer(module)
    allowed = LAYERS[layer] | {layer}
    forbidden = sorted(t for t in GRAPH[module] if _layer(t) not in allowed)
    assert not forbidden, f"{module} ({layer}) may not import {forbidden}"


@pytest.mark.parametrize("module", sorted(LIGHT))
def test_the_shared_model_and_the_answer_bring_in_no_heavy_machinery(module):
    banned = LIGHT[module]
    inside = [m for m in MODULES if m == module or m.startswith(module + ".")]
    found = {
        (m, name)
        for m in inside
        for name in _imports(MODULES[m])
        if any(name == b or name.startswith(b + ".") for b in banned)
    }
    assert not found


def test_there_is_no_import_cycle():
    """Tarjan's strongly connected components over the whole import graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            if component:
                cycles.append(sorted([node, *component]))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert not cycles


def test_the_checker_sees_a_forbidden_import_and_a_cycle(tmp_path):
    """The rules above are not vacuous: a lazy upward import and a hidden cycle are found."""
    fake = tmp_path / "mod.py"
    fake.write_text("def f():\n    from assistant.answers.chain import Assistant\n")
    assert "assistant.answers.chain" in {_ours(n) for n in _imports(fake)}
    assert _layer("assistant.model.corpus") == "assistant.model"
    assert "assistant.answers" not in LAYERS["assistant.model"]
