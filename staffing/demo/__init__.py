"""Demo data (``python manage.py seed_demo``): a province with departments, divisions, public
service units and communes, a ministry, about 2,000 staff with three years of ratings and sick
days, the demo accounts, each staffed organisation's position catalogue with descriptions in
every workflow state, everyone's assignments and ranks, and the quotas of 2015 and 2021–2026.

Everything is deterministic (a fixed random seed, codes derived from positions in fixed lists), so
``seed_demo`` run twice leaves exactly the same data. The modules, each importing only those
above it in this list:

- ``constants``: the seed, the demo's "today", organisation codes, prefixes, the demo accounts;
- ``specs``: the plain values the builders produce (organisations, people, positions,
  descriptions, assignments, quotas, reference data);
- ``data``: the data tables (organisation tree, names, salary ladders, positions, description texts);
- ``references``: framework positions and ranks as plain values, from ``positions.seed`` or the database;
- ``orgs``, ``people``, ``descriptions``, ``catalogue``, ``quotas``: the pure builders;
- ``database``: the upserts by natural key;
- ``seed``: ``seed_demo_data``, which builds everything and writes it in one transaction.
"""

from staffing.demo.constants import (
    DEMO_EMPLOYEE_PREFIX,
    DEMO_MINISTRY_CODE,
    DEMO_ORG_A_CODE,
    DEMO_ORG_B_CODE,
    DEMO_PASSWORD,
    DEMO_PROVINCE_CODE,
    DEMO_REFERENCE_DATE,
    DEMO_SEED,
    DEMO_STAFF_COUNT,
    DEMO_USERS,
)
from staffing.demo.seed import DemoSummary, seed_demo_data

__all__ = [
    "DEMO_EMPLOYEE_PREFIX",
    "DEMO_MINISTRY_CODE",
    "DEMO_ORG_A_CODE",
    "DEMO_ORG_B_CODE",
    "DEMO_PASSWORD",
    "DEMO_PROVINCE_CODE",
    "DEMO_REFERENCE_DATE",
    "DEMO_SEED",
    "DEMO_STAFF_COUNT",
    "DEMO_USERS",
    "DemoSummary",
    "seed_demo_data",
]
