"""The shape of the code: no plugin imports another plugin, and the core
imports none (nor Pelican's plugin machinery). What plugins share lives in
core/; a plugin that needs another at work beside it says so at start-up
(core/plugins.py's `require`)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def plugin_names(root):
    """The plugins: each folder of plugins/ that is a package."""
    return sorted(path.parent.name for path in (root / "plugins").glob("*/__init__.py"))


def imported(path):
    """(line, module) of every import in the file, wherever it is written
    (at the top or inside a function); relative imports stay inside their package."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def crossings(root):
    """Each import that crosses a line: 'file:line imports module'."""
    root = Path(root)
    plugins = set(plugin_names(root))
    found = []
    for path in sorted((root / "plugins").rglob("*.py")):
        owner = path.relative_to(root / "plugins").parts[0]
        for line, module in imported(path):
            top = module.split(".")[0]
            if (top in plugins and top != owner) or top == "plugins":
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    for path in sorted((root / "core").rglob("*.py")):
        for line, module in imported(path):
            top = module.split(".")[0]
            if top in plugins or top == "plugins" or module == "pelican.plugins" or module.startswith("pelican.plugins."):
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def test_no_plugin_imports_another_and_the_core_imports_none():
    assert len(plugin_names(ROOT)) > 1
    assert crossings(ROOT) == []


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("name", "text", "found"), [
    ("plugins/b/x.py", "from a import thing\n", ["plugins/b/x.py:1 imports a"]),
    ("plugins/b/x.py", "import a.y\n", ["plugins/b/x.py:1 imports a.y"]),
    ("plugins/b/x.py", "def f():\n    from a.y import thing\n", ["plugins/b/x.py:2 imports a.y"]),
    ("plugins/b/x.py", "from plugins.a import thing\n", ["plugins/b/x.py:1 imports plugins.a"]),
    ("core/x.py", "from a import thing\n", ["core/x.py:1 imports a"]),
    ("core/x.py", "from pelican.plugins import signals\n", ["core/x.py:1 imports pelican.plugins"]),
    ("core/x.py", "import pelican.plugins._utils\n", ["core/x.py:1 imports pelican.plugins._utils"]),
    # Allowed: the core, a plugin's own modules, relative imports, Pelican's signals in a plugin.
    ("plugins/b/x.py", "from core.y import thing\nfrom b.z import other\nfrom .z import more\n", []),
    ("plugins/b/x.py", "from pelican import signals\n", []),
    ("core/x.py", "from .y import thing\nimport yaml\n", []),
])
def test_a_crossing_is_found(tmp_path, name, text, found):
    """The check above can fail: on a small tree with one import written in it."""
    for package in ("plugins/a/__init__.py", "plugins/b/__init__.py", "core/__init__.py"):
        write(tmp_path, package, "")
    write(tmp_path, name, text)
    assert crossings(tmp_path) == found


def connected(path):
    """The Pelican signals a plugin's `__init__.py` connects to (`signals.x.connect`)."""
    return sorted({node.value.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.Attribute) and node.attr == "connect" and isinstance(node.value, ast.Attribute)})


@pytest.mark.parametrize("plugin", plugin_names(ROOT))
def test_each_plugin_says_which_signals_it_uses(plugin):
    """A reader sees, at the top of a plugin, where it meets Pelican."""
    path = ROOT / "plugins" / plugin / "__init__.py"
    used = connected(path)
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert used, f"{plugin} connects to no signal"
    assert [signal for signal in used if f"`{signal}`" not in docstring] == []
