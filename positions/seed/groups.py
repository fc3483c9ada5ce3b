"""Position groups (nhóm vị trí việc làm), Law 80/2025/QH15 and Decree 361/2025/NĐ-CP.

The older four-group split of Decree 62/2020/NĐ-CP maps onto these one to one: the two
professional groups of 2020 (chuyên ngành, chuyên môn dùng chung) became the sub-groups of
"chuyên môn, nghiệp vụ".
"""

# Legal documents seeded by portal/migrations/0002_seed_legal_documents.py, first one present wins.
GROUP_LEGAL_BASIS = ("ND361-2025", "LUAT80-2025")

GROUPS = [
    {
        "code": "LDQL",
        "name": "Lãnh đạo, quản lý",
        "legacy_names": "Vị trí việc làm gắn với công việc lãnh đạo, quản lý, điều hành",
        "order": 1,
        "has_subgroups": False,
    },
    {
        "code": "CMNV",
        "name": "Chuyên môn, nghiệp vụ",
        "legacy_names": (
            "Vị trí việc làm gắn với công việc nghiệp vụ chuyên ngành; "
            "vị trí việc làm gắn với công việc nghiệp vụ chuyên môn dùng chung"
        ),
        "order": 2,
        "has_subgroups": True,
    },
    {
        "code": "HTPV",
        "name": "Hỗ trợ, phục vụ",
        "legacy_names": "Vị trí việc làm gắn với công việc hỗ trợ, phục vụ",
        "order": 3,
        "has_subgroups": False,
    },
]
