"""The package's shape: layers that import only downwards, no import circles,
pure cores that stay pure, and developer tools kept out of the runtime package.

Read from the source with ``ast`` (nothing is imported), counting imports
inside functions too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from trainer_api.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "trainer_api"
TOOLS = PROJECT_ROOT / "tools"
# Each folder of trainer_api is one layer; a layer may import itself and the
# layers listed for it, never one above it.
LAYERS = {
    "trainer_api.settings": (),
    # The message catalogues: every layer may speak to people in their language.
    "trainer_api.i18n": (),
    "trainer_api.simulation": ("trainer_api.i18n",),
    "trainer_api.scoring": ("trainer_api.simulation", "trainer_api.i18n"),
    "trainer_api.storage": (
        "trainer_api.scoring",
        "trainer_api.simulation",
        "trainer_api.settings",
        "trainer_api.i18n",
    ),
    "trainer_api.adapters": ("trainer_api.simulation", "trainer_api.i18n"),
    "trainer_api.usecases": (
        "trainer_api.storage",
        "trainer_api.adapters",
        "trainer_api.scoring",
        "trainer_api.simulation",
        "trainer_api.settings",
        "trainer_api.i18n",
    ),
    "trainer_api.provisioning": (
        "trainer_api.storage",
        "trainer_api.settings",
        "trainer_api.i18n",
    ),
    "trainer_api.edge": (
        "trainer_api.usecases",
        "trainer_api.storage",
        "trainer_api.adapters",
        "trainer_api.scoring",
        "trainer_api.simulation",
        "trainer_api.settings",
        "trainer_api.i18n",
    ),
    "trainer_api.cli": (
        "trainer_api.provisioning",
        "trainer_api.usecases",
        "trainer_api.storage",
        "trainer_api.simulation",
        "trainer_api.settings",
        "trainer_api.i18n",
    ),
}
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
    "trainer_api.edge.app",
    "trainer_api.usecases.practice",
    "trainer_api.usecases.authoring",
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
    files = [*PACKAGE.rglob("*.py"), *TOOLS.rglob("*.py")]
    modules = {module_name(p): p for p in files}
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


def layer_of(name: str) -> str | None:
    for layer in LAYERS:
        if name == layer or name.startswith(layer + "."):
            return layer
    return None


def test_every_module_of_the_package_belongs_to_a_layer() -> None:
    orphans = [
        name
        for name in map(module_name, PACKAGE.rglob("*.py"))
        if name != "trainer_api" and layer_of(name) is None
    ]
    assert not orphans, f"put these in a layer folder: {sorted(orphans)}"


def test_layers_import_only_the_layers_below_them() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        layer = layer_of(name)
        if layer is None:
            continue
        for target in imports_of(path):
            below = layer_of(target)
            if target.startswith("tools"):
                wrong.append(f"{name} imports the developer tool {target}")
            elif below not in (None, layer) and below not in LAYERS[layer]:
                wrong.append(f"{name} ({layer}) imports {target} ({below})")
    assert not wrong, "\n".join(sorted(wrong))
