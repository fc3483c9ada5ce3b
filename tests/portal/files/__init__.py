"""The file builders moved to tests/builders.py; this re-export keeps ``tests.portal.files`` working
for the import tests until they import from tests.builders (then delete this package)."""

from tests.builders import (  # noqa: F401
    ORG_HEADER,
    SHEET,
    append_to_sheet_data,
    csv_bytes,
    lie_about_size,
    ods_bytes,
    rezip,
    set_dimension,
    xlsx_bytes,
    zeros_zip,
)
