"""An import-linter contract the built-in types do not have: no module imports another
app's (or placements area's) private names (`_helper`) or private modules (`_common`).
Registered in pyproject.toml as the `private_names` contract type."""

import re

from importlinter import Contract, ContractCheck, output

_OWN = ("portal", "employers", "jobseekers", "placements", "cms", "tests")
_FROM_IMPORT = re.compile(r"^\s*from\s+[\w.]+\s+import\s+\(?(?P<names>[^)#]*)")


def owner(module: str) -> str:
    """The app or area a module belongs to: `placements.fairs` for
    `placements.fairs.services`, `portal.core` for `portal.core.views`, `employers` for
    `employers.services.jobs`."""
    parts = module.split(".")
    if parts[0] in ("placements", "portal") and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


class PrivateNamesContract(Contract):
    def check(self, graph, verbose: bool) -> ContractCheck:
        broken = []
        for importer in sorted(graph.modules):
            if importer.split(".")[0] not in _OWN or importer.startswith("tests."):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported.split(".")[0] not in _OWN or owner(imported) == owner(importer):
                    continue
                if any(_private(part) for part in imported.split(".")):
                    broken.append((importer, imported, "a private module"))
                    continue
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    match = _FROM_IMPORT.match(detail["line_contents"])
                    names = match.group("names").replace(",", " ").split() if match else []
                    if any(_private(name) for name in names if name != "as"):
                        broken.append(
                            (importer, imported, f"line {detail['line_number']}: a private name")
                        )
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, why in check.metadata["broken"]:
            output.print_error(f"{importer} imports {why} of {imported}")
            output.new_line()
