"""The legal documents migrate seeds (portal 0002): the rule sets' documents with their dates and
notes, and the seed migration run twice (a hand edit overwritten) and reversed. The later date
corrections (portal 0005) are in test_legal_documents.py.
"""

import datetime
import importlib
import unicodedata

import pytest
from auditlog.context import disable_auditlog
from django.apps import apps as django_apps

from portal.models import LegalDocument
from positions.models import Position
from staffing.models import Assignment, Staff

RULE_SET_CODES = ("ND135-2020", "NQ39-2015", "KL40-2022", "BNV10989-2025", "ND154-2025")


@pytest.mark.django_db
def test_migrate_seeds_the_rule_set_documents():
    docs = {d.code: d for d in LegalDocument.objects.filter(code__in=RULE_SET_CODES)}
    assert set(docs) == set(RULE_SET_CODES)
    assert docs["ND135-2020"].number == "135/2020/NĐ-CP"
    assert docs["ND135-2020"].effective_from == datetime.date(2021, 1, 1)
    assert docs["NQ39-2015"].issued_on == datetime.date(2015, 4, 17)
    assert docs["KL40-2022"].issued_on == datetime.date(2022, 7, 18)
    assert docs["BNV10989-2025"].verified is False
    assert "kiểm tra" in docs["BNV10989-2025"].note
    nd154 = docs["ND154-2025"]
    assert (nd154.effective_from, nd154.effective_to) == (datetime.date(2025, 6, 16), datetime.date(2030, 12, 31))

    everything = list(LegalDocument.objects.all())
    assert len(everything) >= 18
    for doc in everything:
        for text in (doc.number, doc.issuer, doc.title, doc.note):
            assert unicodedata.is_normalized("NFC", text)
        assert doc.verified or doc.note, f"{doc.code} is unverified without a note saying why"
    # Decree 29/2023 was replaced by 154/2025: only the new one is in force after 16/6/2025.
    in_force = set(LegalDocument.in_force(datetime.date(2025, 7, 1)).values_list("code", flat=True))
    assert "ND154-2025" in in_force and "ND29-2023" not in in_force
    assert "ND29-2023" in set(LegalDocument.in_force(datetime.date(2024, 1, 1)).values_list("code", flat=True))


@pytest.mark.django_db
def test_legal_document_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("portal.migrations.0002_seed_legal_documents")
    seeded_codes = [row["code"] for row in migration.LEGAL_DOCUMENTS]
    LegalDocument.objects.filter(code="ND135-2020").update(title="sửa tay")

    migration.seed(django_apps, None)
    migration.seed(django_apps, None)
    assert LegalDocument.objects.filter(code__in=seeded_codes).count() == len(seeded_codes)
    assert LegalDocument.objects.get(code="ND135-2020").title == "Quy định về tuổi nghỉ hưu"

    # Unapplying it first unapplies what depends on it: the positions reference data and the rule
    # sets link these documents (and refuses while positions use it: any positions go first).
    with disable_auditlog():
        Assignment.objects.all().delete()
        Staff.objects.update(rank=None)
        Position.objects.all().delete()
    importlib.import_module("positions.migrations.0002_seed_reference").backwards(django_apps, None)
    importlib.import_module("staffing.migrations.0052_seed_merge_rule_set").unseed(django_apps, None)
    importlib.import_module("staffing.migrations.0010_seed_streamlining_rule_sets").unseed(django_apps, None)
    importlib.import_module("staffing.migrations.0005_seed_rule_sets").unseed(django_apps, None)
    migration.unseed(django_apps, None)
    assert not LegalDocument.objects.filter(code__in=seeded_codes).exists()
