"""``import_data`` reads regular files only, and never more than the size limit (hardening issue
item 10): ``import_data staff /dev/zero`` read without end."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.models import Organization
from tests.builders import csv_bytes, manage, write_file

pytestmark = pytest.mark.django_db

NOT_A_FILE = "không phải là một tệp thông thường"
ROOT = Path(__file__).resolve().parents[2]


def test_dev_zero_is_refused_without_reading_in_a_real_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "import_data", "staff", "/dev/zero", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert NOT_A_FILE in done.stderr and "/dev/zero" in done.stderr


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_anything_but_a_regular_file_exits_2(tree, tmp_path, kind):
    if kind == "directory":
        path = tmp_path / "thu-muc.csv"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)  # no writer: opening it must not hang either
    else:
        path = Path("/dev/zero")
    code, lines, err = manage("import_data", "organizations", path)
    assert code == 2 and NOT_A_FILE in err and not lines


def test_a_symlink_to_a_regular_file_is_read(tree, tmp_path):
    real = write_file(
        tmp_path,
        "orgs.csv",
        csv_bytes([["code", "name", "kind", "parent_code"], ["N.9", "Phòng 9", "PHONG", tree.A.code]]),
    )
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, lines, _err = manage("import_data", "organizations", link)
    assert code == 0 and lines[-1] == "created=1 updated=0 unchanged=0"
    assert Organization.objects.filter(code="N.9").exists()


def test_the_size_limit_is_checked_before_reading(tree, tmp_path, settings):
    settings.IMPORT_MAX_FILE_SIZE = 100
    big = write_file(tmp_path, "big.csv", b"code,name,kind\n" + b"N.1,x,SO\n" * 50)
    code, _lines, err = manage("import_data", "organizations", big)
    assert code == 2 and "quá lớn" in err
