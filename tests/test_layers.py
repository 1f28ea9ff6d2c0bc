"""The package's shape: no import circles, and pure cores that stay pure.

Read from the source with ``ast`` (nothing is imported), counting imports
inside functions too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from trainer_api.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "trainer_api"
PURE_CORES = ("trainer_api.simulation", "trainer_api.scoring")
# What a pure core may never import: the web, the database, Rasa, the app.
NOT_IN_A_CORE = (
    "fastapi",
    "starlette",
    "socketio",
    "sqlalchemy",
    "alembic",
    "rasa",
    "rasa_sdk",
    "httpx",
    "trainer_api.storage",
    "trainer_api.app",
    "trainer_api.practice",
    "trainer_api.authoring",
    "trainer_api.cli",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges[name] = {
            target
            for target in imports_of(path)
            if target in modules
            and target != name
            and not name.startswith(target + ".")
        }
    return edges


def test_the_package_has_no_import_circle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not circles, "\n".join(" -> ".join(circle) for circle in circles)


def test_the_pure_cores_import_nothing_from_the_web_the_database_or_rasa() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if not name.startswith(PURE_CORES):
            continue
        for target in imports_of(path):
            if target.startswith(NOT_IN_A_CORE):
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))
