"""Fixtures of the positions tests: reference rows, a parent-body approver persona and three
positions with descriptions (builders in tests/builders.py).

Approval follows the tree of tests/conftest.py: descriptions of A (Sở Nội vụ) are approved by the
organisation admin of P (Thành phố Đà Nẵng), ``admin_p``; admin_a administers A itself, so it
approves A1's descriptions but not A's."""

from types import SimpleNamespace

import pytest

from portal.models import Role
from positions.models import DescriptionStatus
from tests.builders import make_description, make_position, make_reference_data, make_user


@pytest.fixture
def ref(db):
    """Groups, ranks, competencies and the framework position TKHUNG-VT (make_reference_data)."""
    return make_reference_data()


@pytest.fixture
def admin_p(tree):
    return make_user("admin_p", Role.ORG_ADMIN, tree.P)


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
