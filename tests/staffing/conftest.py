"""Fixtures of the staffing tests, on the persona tree of tests/conftest.py (P Đà Nẵng ⊃ A Sở Nội
vụ ⊃ A1, A2, A3; B Sở Tài chính). Their builders (positions, assignments, quotas, ranks) are in
tests/builders.py."""

import pytest

from tests.builders import make_streamlining_world


@pytest.fixture
def by_name(staff):
    """The persona staff by given name: by_name["An"], ["Bình"], ["Cường"] (retired) in A;
    ["Dung"], ["Em"], ["Giang"] in A1; ["Hải"] in B."""
    return {s.full_name.split()[-1]: s for s in staff}


@pytest.fixture
def streamlining_world(tree, people):
    """The people of a 2026 candidate list (tests.builders.make_streamlining_world): CB001–CB009."""
    return make_streamlining_world(tree, people)
