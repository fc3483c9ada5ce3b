"""Position groups (nhóm vị trí việc làm), Law 80/2025/QH15 and Decree 361/2025/NĐ-CP: the codes,
names and subgroups are ``positions.rules.POSITION_GROUPS``; here what the table stores besides.

The older four-group split of Decree 62/2020/NĐ-CP maps onto these one to one: the two
professional groups of 2020 (chuyên ngành, chuyên môn dùng chung) became the sub-groups of
"chuyên môn, nghiệp vụ".
"""

from positions.rules import GROUPS_WITH_SUBGROUPS, POSITION_GROUPS

# Legal documents seeded by portal/migrations/0002_seed_legal_documents.py, first one present wins.
GROUP_LEGAL_BASIS = ("ND361-2025", "LUAT80-2025")

LEGACY_NAMES = {
    "LDQL": "Vị trí việc làm gắn với công việc lãnh đạo, quản lý, điều hành",
    "CMNV": (
        "Vị trí việc làm gắn với công việc nghiệp vụ chuyên ngành; "
        "vị trí việc làm gắn với công việc nghiệp vụ chuyên môn dùng chung"
    ),
    "HTPV": "Vị trí việc làm gắn với công việc hỗ trợ, phục vụ",
}

GROUPS = [
    {
        "code": code,
        "name": name,
        "legacy_names": LEGACY_NAMES[code],
        "order": order,
        "has_subgroups": code in GROUPS_WITH_SUBGROUPS,
    }
    for order, (code, name) in enumerate(POSITION_GROUPS, start=1)
]
