"""The seeded legal documents after the correction migration (portal 0005): the dates DOMAIN's
legal review found wrong are right, and a national admin's own correction is never overwritten."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from portal.models import LegalDocument

pytestmark = pytest.mark.django_db

correction = import_module("portal.migrations.0005_correct_legal_dates")


@pytest.mark.parametrize(
    ("code", "issued_on", "effective_from"),
    [
        ("ND106-2020", date(2020, 9, 10), date(2020, 11, 15)),
        ("ND90-2020", date(2020, 8, 13), date(2020, 8, 20)),
        ("ND48-2023", date(2023, 7, 17), date(2023, 9, 15)),
        ("QD20-2020", date(2020, 7, 22), date(2020, 9, 15)),
        ("ND27-2026", date(2026, 1, 19), date(2026, 7, 1)),
    ],
)
def test_seeded_dates_are_the_legal_ones(code, issued_on, effective_from):
    doc = LegalDocument.objects.get(code=code)
    assert (doc.issued_on, doc.effective_from) == (issued_on, effective_from)


def test_corrected_documents_are_marked_verified_and_the_amendment_is_named():
    assert (
        LegalDocument.objects.filter(
            code__in=["ND106-2020", "ND90-2020", "ND48-2023", "ND361-2025", "ND27-2026"], verified=False
        ).count()
        == 0
    )
    qd20 = LegalDocument.objects.get(code="QD20-2020")
    assert "09/2025/QĐ-TTg ngày 14/04/2025" in qd20.note
    assert not qd20.verified  # its effective date is still unchecked: the UI keeps saying so


def test_in_force_uses_the_corrected_effective_date():
    assert not LegalDocument.in_force(date(2023, 9, 14)).filter(code="ND48-2023").exists()
    assert LegalDocument.in_force(date(2023, 9, 15)).filter(code="ND48-2023").exists()


def test_a_correction_made_by_an_admin_is_kept():
    doc = LegalDocument.objects.get(code="ND106-2020")
    doc.effective_from, doc.note = date(2020, 11, 1), "Sửa tay"
    doc.save()

    class Editor:
        class connection:
            alias = "default"

    # Re-running the correction touches only rows that still hold the seeded note; the date of a
    # row still holding the seeded (wrong) date is corrected.
    correction.correct(django_apps, Editor)
    doc.refresh_from_db()
    assert doc.note == "Sửa tay"
    assert doc.effective_from == date(2020, 11, 15)
    doc.effective_from = date(2020, 11, 20)
    doc.save()
    correction.correct(django_apps, Editor)
    doc.refresh_from_db()
    assert doc.effective_from == date(2020, 11, 20)
