"""The apps' import direction (DESIGN.md, "Apps and their direction"), checked on the
source: portal.core <- employers, jobseekers <- placements <- cms; employers and
jobseekers never import each other; nothing imports cms; only portal/payments/stripe.py
imports stripe."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package may import of the portal's own packages.
ALLOWED = {
    "portal": {"portal"},
    "employers": {"portal", "employers"},
    "jobseekers": {"portal", "jobseekers"},
    "placements": {"portal", "employers", "jobseekers", "placements"},
    "cms": {"portal", "employers", "jobseekers", "placements", "cms"},
}
OWN_PACKAGES = set(ALLOWED)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def source_files(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_app_imports_only_the_layers_below_it(package):
    wrong = []
    for path in source_files(package):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in OWN_PACKAGES and top not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_the_core_does_not_import_payments():
    """portal.payments is used by employers and built on the core, never the reverse."""
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "portal" / "core").rglob("*.py")
        for module in imported_modules(path)
        if module.startswith("portal.payments")
    ]
    assert wrong == []


def test_only_the_stripe_provider_imports_stripe():
    importers = [
        str(path.relative_to(ROOT))
        for package in OWN_PACKAGES
        for path in source_files(package)
        if any(module.split(".")[0] == "stripe" for module in imported_modules(path))
    ]
    assert set(importers) <= {"portal/payments/stripe.py"}
