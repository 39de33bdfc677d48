"""The packages' layers, as the README's layout draws them: each imports only those below
it (read, then store, figures, show, share, and app at the top), the data modules
(contract, frameworks, catalogue, palette) none of them, and only the app side imports
Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dayserv"
LAYERS = ("read", "store", "figures", "show", "share", "app")
DATA = ("contract", "frameworks", "catalogue", "palette")


def imported(path: Path) -> set[str]:
    """The dayserv modules a file imports, anywhere in it (a function's late import too),
    as dotted names under dayserv ("figures.quality", "contract")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return {name.removeprefix("dayserv.") for name in names if name.startswith("dayserv.")}


def layer_of(name: str) -> str:
    return name.split(".")[0]


def modules(under: Path):
    return sorted(path for path in under.rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("layer", LAYERS)
def test_a_package_imports_only_the_packages_below_it(layer):
    allowed = {*LAYERS[: LAYERS.index(layer) + 1], *DATA}
    wrong = {
        f"{path.relative_to(ROOT)} imports dayserv.{name}"
        for path in modules(PACKAGE / layer)
        for name in imported(path)
        if layer_of(name) in LAYERS and layer_of(name) not in allowed
    }
    assert sorted(wrong) == []


def test_the_data_modules_import_no_package():
    wrong = {
        f"{module}.py imports dayserv.{name}"
        for module in DATA
        for name in imported(PACKAGE / f"{module}.py")
        if layer_of(name) not in DATA
    }
    assert sorted(wrong) == []


def test_only_the_app_side_imports_streamlit():
    def uses_streamlit(path: Path) -> bool:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(
                a.name.split(".")[0] == "streamlit" for a in node.names
            ):
                return True
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
                return True
        return False

    outside = [
        str(path.relative_to(ROOT))
        for path in modules(PACKAGE)
        if path.relative_to(PACKAGE).parts[0] != "app" and uses_streamlit(path)
    ]
    assert outside == []
    assert uses_streamlit(PACKAGE / "app" / "state.py")  # the check sees an import


def test_the_check_sees_a_late_import(tmp_path):
    late = tmp_path / "late.py"
    late.write_text(
        "def f():\n    from dayserv.share import workbook\n    import dayserv.app.state\n"
    )
    assert imported(late) == {"share", "share.workbook", "app.state"}
