"""Fixed values of the demo: the random seed, the demo's "today", the codes of the organisations
the personas work in, the prefixes that mark demo rows, and the demo accounts."""

from dataclasses import dataclass
from datetime import date

DEMO_SEED = 20250701
DEMO_PASSWORD = "vtvl-demo-2026"  # noqa: S105 - published demo password, DEBUG only
DEMO_REFERENCE_DATE = date(2026, 7, 1)  # "today" of the demo data: ages, service years, exits
DEMO_REFORM_DATE = date(2025, 7, 1)  # two-level local government, new communes
DEMO_MERGE_DATE = date(2025, 3, 1)  # departments and ministries merged on 1/3/2025
DEMO_RECORD_YEARS = (2023, 2024, 2025)
DEMO_REVIEW_YEAR = 2026  # the streamlining list the demo is made for: cases g and h look at 2025 and 2026
DEMO_QUOTA_YEARS = (2015, 2021, 2022, 2023, 2024, 2025, 2026)
DEMO_STAFF_COUNT = 2000
DEMO_COMMUNE_COUNT = 20
DEMO_EMPLOYEE_PREFIX = "DEMO"  # demo staff are DEMO00001, DEMO00002 …
DEMO_POSITION_PREFIX = "VT"  # demo positions are VT01, VT02 … in each demo organisation

DEMO_PROVINCE_ADMIN_CODE = "22"  # Tỉnh Quảng Ninh (54 communes, wards and special zones)
DEMO_PROVINCE_CODE = "000.00.00.H22"
DEMO_ORG_A_CODE = "000.00.02.H22"  # Sở Nội vụ — "org A" of the personas
DEMO_ORG_B_CODE = "000.00.03.H22"  # Sở Tài chính — "org B", a sibling of A
DEMO_MINISTRY_CODE = "000.00.00.G09"  # Bộ Nội vụ


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    org_code: str | None
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", "Trần Quốc Bảo", "national_admin", None, is_staff=True, is_superuser=True),
    DemoUser("hr_a", "Nguyễn Thị Thu Hằng", "hr_officer", DEMO_ORG_A_CODE),
    DemoUser("manager_a", "Lê Văn Thắng", "manager", DEMO_ORG_A_CODE),
    DemoUser("hr_b", "Phạm Minh Tuấn", "hr_officer", DEMO_ORG_B_CODE),
    DemoUser("orgadmin_a", "Đỗ Thị Lan Anh", "org_admin", DEMO_ORG_A_CODE, is_staff=True),
)

# Who writes and who decides the descriptions (usernames of DEMO_USERS). Approval follows
# positions.services.can_approve: the organisation admin of the parent body, else a national admin.
AUTHOR_A, APPROVER_A, AUTHOR_OTHERS, APPROVER_OTHERS = "hr_a", "orgadmin_a", "admin", "admin"
