"""Every puzzle kind is implemented in every layer, one module each, and nothing dispatches
on a kind by hand: adding a kind to one layer only fails here, loudly, with the layer named.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

import pytest

from escape_game.check.solutions import SOLUTIONS, Solutions
from escape_game.model.puzzles import PUZZLE_KINDS, PUZZLE_MODELS, Puzzle, PuzzleBase, kind_of
from escape_game.ui.scenes.puzzles import PANELS, Panel

ROOT = Path(__file__).resolve().parent.parent

#: layer -> (registry, package its implementations live in, methods each must provide)
LAYERS: dict[str, tuple[Mapping[str, Any], str, tuple[str, ...]]] = {
    "model and answer rule": (PUZZLE_MODELS, "escape_game.model.puzzles", ("judge",)),
    "solutions and walkthrough words": (SOLUTIONS, "escape_game.check.solutions",
                                        ("correct", "wrong", "said")),
    "puzzle dialog panel": (PANELS, "escape_game.ui.scenes.puzzles", ("draw", "answer")),
}
#: what each layer's implementations inherit and must override
BASES: dict[str, type] = {
    "model and answer rule": PuzzleBase,
    "solutions and walkthrough words": Solutions,
    "puzzle dialog panel": Panel,
}


def layer_gaps(kinds: set[str], layers: Mapping[str, set[str]]) -> list[str]:
    """One line per kind a layer lacks, or has that the model does not declare."""
    gaps = []
    for layer, found in layers.items():
        gaps += [f"{layer}: no implementation of '{kind}'" for kind in sorted(kinds - found)]
        gaps += [f"{layer}: '{kind}' is not a declared kind" for kind in sorted(found - kinds)]
    return gaps


def test_every_registered_kind_is_in_every_layer() -> None:
    kinds = set(PUZZLE_MODELS)
    assert kinds >= {"code_lock", "single_choice", "multiple_choice", "ordering", "matching",
                     "budget", "product_comparison"}  # the kinds shipped levels use
    assert layer_gaps(kinds, {name: set(r) for name, (r, _, _) in LAYERS.items()}) == []


def test_a_kind_missing_from_one_layer_is_named() -> None:
    layers = {"solutions": {"code_lock"}, "panel": {"code_lock", "budget", "riddle"}}
    assert layer_gaps({"code_lock", "budget"}, layers) == [
        "solutions: no implementation of 'budget'",
        "panel: 'riddle' is not a declared kind",
    ]


@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_kind_has_its_own_module_and_all_its_methods(layer: str) -> None:
    registry, package, methods = LAYERS[layer]
    base = BASES[layer]
    for kind, implementation in registry.items():
        cls = implementation if isinstance(implementation, type) else type(implementation)
        assert cls.__module__ == f"{package}.{kind}", (layer, kind, cls.__module__)
        for method in methods:
            assert getattr(cls, method) is not getattr(base, method), \
                f"{layer}: '{kind}' does not provide {method}()"
        if not isinstance(implementation, type):  # solutions and panels name their model
            assert implementation.model is PUZZLE_MODELS[kind], (layer, kind)


def test_the_level_format_union_is_the_registry() -> None:
    union = get_args(get_args(Puzzle)[0])
    assert union == tuple(PUZZLE_MODELS.values())
    assert tuple(kind_of(model) for model in union) == PUZZLE_KINDS


# --- nothing dispatches on a kind by hand ------------------------------------------------------
PUZZLE_CLASSES = {model.__name__ for model in PUZZLE_MODELS.values()}


def _is_kind(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "kind") or (
        isinstance(node, ast.Name) and node.id == "kind")


def _names_a_kind(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in PUZZLE_MODELS
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_a_kind(e) for e in node.elts)
    return False


def _compares_a_kind(node: ast.Compare) -> bool:
    """``x.kind == "code_lock"``, ``kind in ("ordering", ...)``, either way round."""
    operands = [node.left, *node.comparators]
    return any(_is_kind(o) for o in operands) and any(_names_a_kind(o) for o in operands)


def _method_by_kind(node: ast.Call) -> bool:
    """``getattr(self, f"_draw_{pz.kind}")``."""
    return isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2 \
        and isinstance(node.args[1], ast.JoinedStr) \
        and any(_is_kind(sub) for sub in ast.walk(node.args[1]))


def _isinstance_classes(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                and sub.func.id == "isinstance" and len(sub.args) == 2:
            for name in ast.walk(sub.args[1]):
                if isinstance(name, ast.Name) and name.id in PUZZLE_CLASSES:
                    found.add(name.id)
                elif isinstance(name, ast.Attribute) and name.attr in PUZZLE_CLASSES:
                    found.add(name.attr)
    return found


def kind_dispatch(source: str) -> list[str]:
    """Comparisons with a kind's name, and functions testing isinstance against two kinds."""
    tree = ast.parse(source)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and _compares_a_kind(node):
            problems.append(f"line {node.lineno}: compares a kind with a kind's name")
        if isinstance(node, ast.Call) and _method_by_kind(node):
            problems.append(f"line {node.lineno}: picks a method by the kind's name")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            classes = _isinstance_classes(node)
            if len(classes) >= 2:
                problems.append(f"line {node.lineno}: {node.name}() tests isinstance against "
                                f"{sorted(classes)}")
    return problems


def test_the_dispatch_finder_sees_a_chain() -> None:
    chain = (
        "def draw(pz, kind):\n"
        "    if pz.kind == 'code_lock':\n        return 1\n"
        "    if ('budget', 'ordering') == kind:\n        return 2\n"
        "    if isinstance(pz, SingleChoice) or isinstance(pz, m.Budget):\n        return 3\n"
        "    return getattr(pz, f'_draw_{pz.kind}')()\n"
    )
    assert kind_dispatch(chain) == [
        "line 1: draw() tests isinstance against ['Budget', 'SingleChoice']",
        "line 2: compares a kind with a kind's name",
        "line 4: compares a kind with a kind's name",
        "line 8: picks a method by the kind's name",
    ]
    # naming a kind is fine when nothing is chosen by it
    assert kind_dispatch("assert {p.kind for p in ps} >= {'code_lock'}\n"
                         "ok = isinstance(pz, CodeLock)\n") == []


def test_no_module_dispatches_on_puzzle_kinds() -> None:
    sources = [*ROOT.glob("escape_game/**/*.py"), *ROOT.glob("telemetry/**/*.py"),
               *ROOT.glob("tests/**/*.py")]
    assert len(sources) > 100
    found = [f"{path.relative_to(ROOT)} {problem}" for path in sorted(sources)
             if path != Path(__file__).resolve()  # spells the pattern out to test the finder
             for problem in kind_dispatch(path.read_text(encoding="utf-8"))]
    assert found == []
