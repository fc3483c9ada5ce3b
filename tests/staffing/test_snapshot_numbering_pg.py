"""Two candidate snapshots of the same organisation and year saved at the same moment from two
sessions get the numbers 1 and 2 (staffing.services.save_candidate_snapshot locks the
organisation's row before numbering). PostgreSQL only: two sessions must see each other's
committed rows (SQLite's IMMEDIATE transactions serialise writers anyway; the retry of a taken
number is tested in test_services_streamlining.py). ``transaction=True``: the test database is
emptied after it."""

import threading
from types import SimpleNamespace

import pytest
from django.db import connection, connections

from staffing import services
from staffing.models import CandidateSnapshot
from staffing.reports import candidates as report
from tests.builders import STREAMLINING_AS_OF, STREAMLINING_YEAR, make_candidate_world, make_persona_tree

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two sessions at once need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_saves_get_distinct_numbers(monkeypatch):
    built = make_persona_tree()
    make_candidate_world(SimpleNamespace(**built.orgs))
    barrier = threading.Barrier(2, timeout=30)
    real = report.candidate_list

    def computed_together(**kwargs):
        listing = real(**kwargs)
        barrier.wait()  # both lists computed before either numbers its snapshot
        return listing

    monkeypatch.setattr(report, "candidate_list", computed_together)
    numbers, errors = [], []

    def save():
        try:
            snap = services.save_candidate_snapshot(
                user=built.users["hr_a"], org=built.orgs["A"], year=STREAMLINING_YEAR, as_of=STREAMLINING_AS_OF
            )
            numbers.append(snap.number)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(numbers) == [1, 2]
    assert CandidateSnapshot.objects.filter(organization=built.orgs["A"]).count() == 2
