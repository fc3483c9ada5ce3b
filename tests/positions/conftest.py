"""Fixtures of the positions tests: reference rows (created with get_or_create, so they work with
or without the seed migration), a parent-body approver persona and position builders.

Approval follows the tree of tests/conftest.py: descriptions of A (Sở Nội vụ) are approved by the
organisation admin of P (Thành phố Đà Nẵng), ``admin_p``; admin_a administers A itself, so it
approves A1's descriptions but not A's."""

from types import SimpleNamespace

import pytest

from portal.models import Role
from positions.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    DescriptionCompetency,
    DescriptionStatus,
    DescriptionTask,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
    RankKind,
)
from tests.builders import make_user

GROUPS = [
    ("LDQL", "Lãnh đạo, quản lý", 1, False),
    ("CMNV", "Chuyên môn, nghiệp vụ", 2, True),
    ("HTPV", "Hỗ trợ, phục vụ", 3, False),
]
RANKS = [
    ("01.002", "Chuyên viên chính", "Hành chính", 4),
    ("01.003", "Chuyên viên", "Hành chính", 3),
    ("01.004", "Cán sự", "Hành chính", 2),
    ("01.005", "Nhân viên", "Hành chính", 1),
    ("06.031", "Kế toán viên", "Kế toán", 3),
]
COMPETENCIES = [
    ("TNL-C1", CompetencyKind.GENERAL, "Soạn thảo văn bản (thử)", 1),
    ("TNL-C2", CompetencyKind.GENERAL, "Giao tiếp, ứng xử (thử)", 2),
    ("TNL-P1", CompetencyKind.PROFESSIONAL, "Quản lý hồ sơ, tài liệu (thử)", 1),
    ("TNL-M1", CompetencyKind.MANAGEMENT, "Điều hành đơn vị (thử)", 1),
]


@pytest.fixture
def ref(db):
    groups = {
        code: PositionGroup.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "has_subgroups": subgroups}
        )[0]
        for code, name, order, subgroups in GROUPS
    }
    ranks = {
        code: Rank.objects.get_or_create(
            code=code, defaults={"name": name, "kind": RankKind.RANK, "field": field, "level": level}
        )[0]
        for code, name, field, level in RANKS
    }
    competencies = {}
    for code, kind, name, order in COMPETENCIES:
        competency = Competency.objects.get_or_create(code=code, defaults={"kind": kind, "name": name, "order": order})[
            0
        ]
        for level in range(1, 6):
            CompetencyLevel.objects.get_or_create(
                competency=competency, level=level, defaults={"descriptor": f"{name} — mô tả cấp độ {level}"}
            )
        competencies[code] = competency
    framework = FrameworkPosition.objects.get_or_create(
        code="TKHUNG-VT",
        defaults={
            "name": "Văn thư (khung thử)",
            "group": groups["CMNV"],
            "subgroup": "DC",
            "min_rank": ranks["01.004"],
            "max_rank": ranks["01.003"],
            "sample": {
                "objective": "<p>Bảo đảm công tác <b>văn thư</b> của cơ quan.</p>",
                "tasks": [
                    {"task": "Tiếp nhận văn bản đến", "outputs": "Sổ đăng ký", "criteria": "Đúng hạn"},
                    {"task": "Phát hành văn bản đi", "outputs": "Văn bản đã phát hành", "criteria": "Không sai sót"},
                ],
                "competencies": [["TNL-C1", 3], ["TNL-P1", 2], ["KHONG-CO", 2]],
            },
        },
    )[0]
    return SimpleNamespace(groups=groups, ranks=ranks, competencies=competencies, framework=framework)


@pytest.fixture
def admin_p(tree):
    return make_user("admin_p", Role.ORG_ADMIN, tree.P)


def make_position(org, code="VT01", name="Văn thư", *, group, **fields) -> Position:
    position = Position(organization=org, code=code, name=name, group=group, **fields)
    position.save()
    return position


def make_description(
    position, *, version=1, status=DescriptionStatus.DRAFT, tasks=("Nhiệm vụ một",), levels=(), **fields
) -> PositionDescription:
    description = PositionDescription.objects.create(position=position, version=version, status=status, **fields)
    DescriptionTask.objects.bulk_create(
        DescriptionTask(description=description, order=i, task=t) for i, t in enumerate(tasks, start=1)
    )
    DescriptionCompetency.objects.bulk_create(
        DescriptionCompetency(description=description, competency=c, level=lv) for c, lv in levels
    )
    return description


@pytest.fixture
def pos(tree, ref):
    """One position in A (draft v1 with a task), one in A1 (submitted), one in B (approved)."""
    cmnv = ref.groups["CMNV"]
    a = make_position(tree.A, "VT01", "Văn thư", group=cmnv, subgroup="DC", min_rank=ref.ranks["01.004"])
    a_draft = make_description(a, objective="<p>Quản lý văn bản đi, đến.</p>")
    a1 = make_position(tree.A1, "TC01", "Tổ chức cán bộ", group=cmnv)
    a1_submitted = make_description(a1, status=DescriptionStatus.SUBMITTED)
    b = make_position(tree.B, "KT01", "Kế toán", group=cmnv, min_rank=ref.ranks["06.031"])
    b_approved = make_description(b, status=DescriptionStatus.APPROVED, objective="<p>Kế toán ngân sách.</p>")
    return SimpleNamespace(a=a, a_draft=a_draft, a1=a1, a1_submitted=a1_submitted, b=b, b_approved=b_approved)
