"""The architecture's import rules (DESIGN.md, "Apps and their direction") are
import-linter contracts in pyproject.toml, run by `make lint`. These tests run them on the
real tree, and on a small tree built to break each one, to show that a wrong import fails."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# A miniature of the portal: one module per place a contract talks about.
MINIATURE = {
    "portal/core/models.py": "",
    "portal/core/storage.py": "def _secret():\n    return 1\n",
    "portal/payments/stripe.py": "import stripe\n",
    "portal/messaging/twilio.py": "import twilio\n",
    "employers/models.py": "import portal.core.models\n",
    "employers/api.py": "",
    "employers/views.py": "",
    "jobseekers/api.py": "",
    "jobseekers/api_supports.py": "",
    "jobseekers/api_referrals.py": "",
    "jobseekers/views.py": "",
    "portal/core/api.py": "",
    "portal/core/views.py": "",
    "jobseekers/models.py": "import portal.core.models\n",
    "placements/fairs/selectors.py": "",
    "placements/applications/selectors.py": "",
    "placements/matching/selectors.py": "import placements.transitional.selectors\n",
    # Applying checks a job's fit with matching's own rules (issue 14), as the portal.
    "placements/matching/fit.py": "",
    "placements/applications/services/applying.py": "import placements.matching.fit\n",
    "placements/applications/views.py": "import placements.matching.fit\n",
    "placements/matching/api.py": "",
    "placements/matching/views.py": "",
    "placements/transitional/selectors.py": "",
    # Outcomes reads the other areas' figures through their selectors (allowed), as the portal.
    "placements/outcomes/selectors.py": (
        "import placements.applications.selectors\nimport placements.transitional.selectors\n"
    ),
    "cms/models.py": "import placements.fairs.selectors\n",
    "stripe/__init__.py": "",
    "twilio/__init__.py": "",
}


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    lines = ["[importlinter]", "root_packages ="]
    lines += [f"    {package}" for package in config["root_packages"]]
    lines += ["include_external_packages = True", "contract_types ="]
    lines += [f"    {kind}" for kind in config["contract_types"]]
    for contract in config["contracts"]:
        lines.append(f"[importlinter:contract:{contract['id']}]")
        for key, value in contract.items():
            if key == "id":
                continue
            if isinstance(value, list):
                lines.append(f"{key} =")
                lines += [f"    {item}" for item in value]
            else:
                lines.append(f"{key} = {value}")
    (tree / ".importlinter").write_text("\n".join(lines) + "\n")
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"}
    return subprocess.run(
        [str(LINT_IMPORTS), str(tree / ".importlinter"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def miniature(tmp_path: Path, **changes: str) -> Path:
    for name, source in {**MINIATURE, **changes}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
        for parent in path.relative_to(tmp_path).parents:
            init = tmp_path / parent / "__init__.py"
            if parent != Path(".") and not init.exists():
                init.write_text("")
    return tmp_path


def test_the_portal_keeps_every_contract():
    result = subprocess.run(
        [str(LINT_IMPORTS)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_miniature_keeps_every_contract(tmp_path):
    result = lint_imports(miniature(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("portal/core/models.py", "import employers.models\n", "Layers"),
        ("employers/models.py", "import jobseekers.models\n", "Layers"),
        ("jobseekers/models.py", "import placements.fairs.selectors\n", "Layers"),
        ("placements/fairs/selectors.py", "import cms.models\n", "Layers"),
        ("placements/fairs/selectors.py", "import placements.applications.selectors\n", "areas"),
        ("placements/transitional/selectors.py", "import placements.matching.selectors\n", "areas"),
        ("placements/matching/api.py", "import placements.matching.views\n", "HTML views"),
        ("employers/api.py", "import employers.views\n", "HTML views"),
        ("jobseekers/api_supports.py", "import jobseekers.views\n", "HTML views"),
        ("employers/models.py", "import stripe\n", "stripe"),
        ("jobseekers/models.py", "import twilio\n", "twilio"),
        ("portal/messaging/providers.py", "import jobseekers.models\n", "Layers"),
        ("employers/models.py", "from portal.core.storage import _secret\n", "private"),
    ],
)
def test_a_wrong_import_breaks_its_contract(tmp_path, module, source, broken):
    result = lint_imports(miniature(tmp_path, **{module: source}))
    assert result.returncode != 0
    broken_section = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in broken_section, result.stdout
