"""The shape of the core (hooks/samsite), read from its source.

The imports of ``samsite`` form no circle: data flows one way, from the content files
through reading and the model to the pages and the build. Every import stands at the top
of its module, where a reader sees it; one inside a function or under ``TYPE_CHECKING``
hides a circle and is refused, except for the optional heavy libraries in ``LAZY`` that
a warm build never needs. The core never imports MkDocs: the hook files in ``hooks/``
are the adapter.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "hooks" / "samsite"
# Third-party modules a function may import when it needs them: each costs start-up time
# that a warm build (every code and image read from the cache) does not spend.
LAZY = {
    "PIL": "Pillow, for the PNG of a QR code and the light copy of a photo",
    "zxingcpp": "the QR writer, only for a code that is not in the cache yet",
    "pagefind": "Pagefind's binary, looked up only when the search index is built",
}
FRAMEWORKS = ("mkdocs", "material", "properdocs")


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def imports(path: Path, known: set[str], package_root: Path = PACKAGE) -> list[tuple[ast.stmt, str]]:
    """Every import statement in ``path`` (also inside functions), with each module it names:
    ``from . import urls`` names ``samsite.urls``, ``from .pages.generated import X`` names
    ``samsite.pages.generated``; a third-party import names itself."""
    name = module_name(path, package_root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.append((node, submodule if submodule in known else target))
    return found


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the ``samsite`` modules it imports."""
    found = modules(package)
    known = set(found)
    return {name: {target for _, target in imports(path, known, package)
                   if target in known and target != name}
            for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: one per strongly connected component of more than one module
    (Tarjan), each written as a path that returns to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [circle(edges, set(component)) for component in components]


def circle(edges: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, within it."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(edges[node] & component):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    raise AssertionError(f"no circle through {start}")


def hidden_imports(package: Path = PACKAGE) -> list[str]:
    """Imports inside a function or an ``if TYPE_CHECKING:`` block, as 'path:line: module'."""
    found = []
    known = set(modules(package))
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden: set[tuple[int, int]] = set()  # where the hidden statements start
        for node in ast.walk(tree):
            scope = (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                     or isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
            if scope:
                hidden |= {(inner.lineno, inner.col_offset) for inner in ast.walk(node)
                           if isinstance(inner, (ast.Import, ast.ImportFrom))}
        for node, target in imports(path, known, package):
            if (node.lineno, node.col_offset) in hidden and target.split(".")[0] not in LAZY:
                found.append(f"{path.relative_to(package.parent)}:{node.lineno}: {target}")
    return sorted(set(found))


def test_the_core_has_no_import_circle():
    found = cycles(graph())
    assert not found, "import circles in hooks/samsite:\n" + "\n".join(" -> ".join(c) for c in found)


def folder_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Sub-package -> the sub-packages its modules import. A top-level module (errors.py,
    urls.py, cache.py) is a foundation of its own; the package itself ('samsite') is left out."""
    def folder(module: str) -> str:
        parts = module.split(".")
        return ".".join(parts[:2]) if len(parts) > 1 else module

    edges: dict[str, set[str]] = {}
    for source, targets in graph(package).items():
        edges.setdefault(folder(source), set()).update(folder(t) for t in targets if folder(t) != folder(source))
    return edges


def test_the_folders_have_no_circle_either():
    """The tree tells the layers: a folder never imports one that imports it back (text, model and
    the foundations below; reading, numbering; pages, printed, search; build; tools on top)."""
    found = cycles(folder_graph())
    assert not found, "circles between the folders of hooks/samsite:\n" + "\n".join(" -> ".join(c) for c in found)


def test_every_import_of_the_core_is_at_the_top_of_its_module():
    found = hidden_imports()
    assert not found, ("imports inside a function or under TYPE_CHECKING (move them to the top; "
                       "break a circle by moving the shared piece down a layer):\n" + "\n".join(found))


def framework_imports(package: Path = PACKAGE) -> list[str]:
    known = set(modules(package))
    return [f"{path.relative_to(package.parent)}:{node.lineno}: {target}"
            for path in sorted(package.rglob("*.py")) for node, target in imports(path, known, package)
            if target.split(".")[0] in FRAMEWORKS]


def test_the_core_never_imports_mkdocs():
    found = framework_imports()
    assert not found, found


def test_the_checks_find_what_they_look_for(tmp_path):
    """The checks themselves, on a small package with a circle, a hidden import and MkDocs."""
    package = tmp_path / "samsite"
    (package / "model").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "model" / "__init__.py").write_text("")
    (package / "urls.py").write_text("from .model import content\n")
    (package / "model" / "content.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..urls import link\n"
        "def f():\n    import PIL\n    from .. import urls\n")
    (package / "model" / "schema.py").write_text("import mkdocs.config\nfrom . import content\n")
    assert cycles(graph(package)) == [["samsite.model.content", "samsite.urls", "samsite.model.content"]]
    assert hidden_imports(package) == ["samsite/model/content.py:3: samsite.urls",
                                       "samsite/model/content.py:6: samsite.urls"]
    assert graph(package)["samsite.model.schema"] == {"samsite.model.content"}
    assert framework_imports(package) == ["samsite/model/schema.py:1: mkdocs.config"]
    assert cycles(folder_graph(package)) == [["samsite.model", "samsite.urls", "samsite.model"]]
