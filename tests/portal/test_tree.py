"""The organisation tree: derived path/depth, moves and renames, cycles, validators, query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Organization, OrgKind
from tests.builders import make_org


def fresh(org):
    return Organization.objects.get(pk=org.pk)


def test_path_and_depth_are_derived_on_save(tree):
    assert tree.P.path == f"/{tree.P.code}/"
    assert tree.P.depth == 0
    assert tree.A1.path == f"/{tree.P.code}/{tree.A.code}/{tree.A1.code}/"
    assert tree.A1.depth == 2
    assert fresh(tree.A1).path == tree.A1.path


def test_moving_a_subtree_rewrites_descendants_in_one_update(tree):
    child = make_org("000.01.01.01.H17", "Tổ tiếp nhận", OrgKind.PHONG, parent=tree.A1)
    a = fresh(tree.A)
    a.parent = tree.M
    with CaptureQueriesContext(connection) as ctx:
        a.save()
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 2  # the row itself + one set-wise UPDATE of every descendant

    assert fresh(tree.A).path == f"/{tree.M.code}/{tree.A.code}/"
    assert fresh(tree.A1).path == f"/{tree.M.code}/{tree.A.code}/{tree.A1.code}/"
    assert fresh(child).path == f"/{tree.M.code}/{tree.A.code}/{tree.A1.code}/{child.code}/"
    assert (fresh(tree.A).depth, fresh(tree.A1).depth, fresh(child).depth) == (1, 2, 3)
    # nothing else moved
    assert fresh(tree.B).path == f"/{tree.P.code}/{tree.B.code}/"
    assert set(tree.M.descendants().values_list("code", flat=True)) == {
        tree.M.code,
        tree.A.code,
        tree.A1.code,
        tree.A2.code,
        tree.A3.code,
        child.code,
    }


def test_moving_up_to_a_root_reduces_depth(tree):
    a1 = fresh(tree.A1)
    a1.parent = None
    a1.save()
    assert (fresh(tree.A1).path, fresh(tree.A1).depth) == (f"/{tree.A1.code}/", 0)


def test_renaming_the_code_rewrites_descendants(tree):
    a = fresh(tree.A)
    a.code = "000.00.09.H17"
    a.save()
    assert fresh(tree.A1).path == f"/{tree.P.code}/000.00.09.H17/{tree.A1.code}/"
    assert fresh(tree.A3).path.startswith(fresh(tree.A).path)
    assert not Organization.objects.filter(path__contains=f"/{tree.A.code}/").exists()


def test_choosing_a_descendant_as_parent_is_refused(tree):
    a = fresh(tree.A)
    a.parent = tree.A1
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "parent" in exc.value.message_dict


def test_choosing_itself_as_parent_is_refused(tree):
    a = fresh(tree.A)
    a.parent = a
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "parent" in exc.value.message_dict


def test_choosing_a_sibling_as_parent_is_allowed(tree):
    a = fresh(tree.A)
    a.parent = tree.B
    a.full_clean()


def test_ancestors_in_one_query_root_first(tree, django_assert_num_queries):
    a1 = fresh(tree.A1)
    with django_assert_num_queries(1):
        assert [o.code for o in a1.ancestors()] == [tree.P.code, tree.A.code]


def test_descendants_in_one_query(tree, django_assert_num_queries):
    a = fresh(tree.A)
    with django_assert_num_queries(1):
        assert {o.code for o in a.descendants()} == {tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code}
    with django_assert_num_queries(1):
        assert tree.A.code not in {o.code for o in a.descendants(include_self=False)}


@pytest.mark.parametrize("code", ["000.00.00.H30", "H30", "A-1.B", "X" * 35, "0"])
def test_valid_codes(db, code):
    Organization(code=code, name="Đơn vị", kind=OrgKind.SO).full_clean()


@pytest.mark.parametrize("code", ["h30", "000 00", "Sở", "A_1", "A/B", "X" * 36, ""])
def test_invalid_codes(db, code):
    with pytest.raises(ValidationError) as exc:
        Organization(code=code, name="Đơn vị", kind=OrgKind.SO).full_clean()
    assert "code" in exc.value.message_dict


@pytest.mark.parametrize("value", ["01", "79", "00103", "20194"])
def test_admin_unit_codes_keep_leading_zeros(db, value):
    org = Organization(code="X1", name="Đơn vị", kind=OrgKind.XA, admin_unit_code=value)
    org.full_clean()
    org.save()
    assert fresh(org).admin_unit_code == value


@pytest.mark.parametrize("value", ["1", "123", "1234", "123456", "0A"])
def test_admin_unit_code_is_2_or_5_digits(db, value):
    with pytest.raises(ValidationError) as exc:
        Organization(code="X1", name="Đơn vị", kind=OrgKind.XA, admin_unit_code=value).full_clean()
    assert "admin_unit_code" in exc.value.message_dict


def test_codes_are_unique(tree):
    with pytest.raises(ValidationError) as exc:
        Organization(code=tree.A.code, name="Trùng", kind=OrgKind.SO).full_clean()
    assert "code" in exc.value.message_dict


def test_valid_to_before_valid_from_is_refused_by_the_database(tree):
    import datetime

    from django.db import IntegrityError, transaction

    org = fresh(tree.A2)
    org.valid_from = datetime.date(2025, 7, 1)
    org.valid_to = datetime.date(2025, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        org.save()
