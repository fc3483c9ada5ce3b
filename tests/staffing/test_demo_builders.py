"""The demo package (staffing/demo/) without the database: its pure builders are deterministic,
and each of its modules imports only the modules before it in ``DEMO_MODULES`` (no cycle).
seed_demo itself and the data it writes are tested in test_demo.py.
"""

import ast
from pathlib import Path

from staffing import demo as demo_package
from staffing.demo.catalogue import build_catalogues
from staffing.demo.orgs import build_org_specs, load_admin_units
from staffing.demo.people import allocate, build_staff_specs
from staffing.demo.quotas import build_quota_specs
from staffing.demo.references import seed_references
from staffing.quotas import QuotaRow, nesting_violations


def test_builders_are_deterministic():
    units = load_admin_units()
    orgs = build_org_specs(units)
    assert orgs == build_org_specs(units)
    people = build_staff_specs(orgs, total=300)
    assert people == build_staff_specs(orgs, total=300)
    assert len(people) == 300
    assert allocate([3, 5, 7], 100) == [20, 33, 47]
    assert sum(allocate([1] * 7, 50)) == 50


def test_catalogue_and_quota_builders_are_deterministic():
    orgs = build_org_specs(load_admin_units())
    people = build_staff_specs(orgs, total=400)
    framework, ranks = seed_references()
    first = build_catalogues(orgs, people, framework, ranks, seed=7)
    again = build_catalogues(orgs, people, framework, ranks, seed=7)
    assert first == again
    assert {a.employee_code for a in first.assignments} == {p.employee_code for p in people}
    assert [p.employee_code for p in first.people] == [p.employee_code for p in people]
    quotas = build_quota_specs(orgs, people, seed=7)
    assert quotas == build_quota_specs(orgs, people, seed=7)
    parent = {o.code: o.parent_code for o in orgs}

    def path(code):
        return f"{path(parent[code])}{code}/" if parent[code] else f"/{code}/"

    assert nesting_violations([QuotaRow(path(q.org_code), q.year, q.category, q.assigned) for q in quotas]) == []


# The demo package's modules, each importing only modules before it in this list (no cycle).
DEMO_MODULES = [
    "constants",
    "specs",
    "data",
    "references",
    "orgs",
    "people",
    "descriptions",
    "streamlining",
    "catalogue",
    "quotas",
    "national_data",
    "national",
    "database",
    "seed",
    "national_seed",
]


def test_demo_modules_import_only_the_modules_before_them():
    package = Path(demo_package.__file__).parent
    assert sorted(DEMO_MODULES) == sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__")
    for index, name in enumerate(DEMO_MODULES):
        imported = set()
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: relative import"
                if node.module == "staffing.demo":
                    imported |= {alias.name for alias in node.names}
                elif node.module.startswith("staffing.demo."):
                    imported.add(node.module.removeprefix("staffing.demo."))
            elif isinstance(node, ast.Import):
                imported |= {
                    a.name.removeprefix("staffing.demo.") for a in node.names if a.name.startswith("staffing.demo")
                }
        assert imported <= set(DEMO_MODULES[:index]), (name, imported - set(DEMO_MODULES[:index]))
