"""The one import/export engine of VTVL Portal (docs/import-format.md), one path for the command
line, the web screens and the Django admin.

- ``readers``: CSV/XLSX bytes → header + rows (size, zip-bomb, XXE and used-range checks first).
- ``values``: the value parsers every sheet's columns are built from.
- ``sheets``: ``Sheet``/``Column``/``Context`` (what a sheet declares); ``lookups`` and ``sql``:
  what sheets share (scope organisations, the scope-safe message, COPY, ``fetch_in``).
- ``engine``: the pipeline (``run_import``, ``create_job``/``preview_job``/``confirm_job``).
- ``exporting``: XLSX/CSV export (formula-escaped), templates, errors-only workbooks.
- ``registry``: the sheets apps registered (``portal.registry.register_sheet`` in
  ``AppConfig.ready``), so the engine never imports the apps above it.
- ``organizations``: the organisation sheet (the engine's own: ``portal`` sits below it).
- ``models`` (``ImportJob``), ``tasks``, ``forms``, ``views``, ``urls``, ``reports``, ``admin``
  (the Django admin mixin) and the ``import_data``/``export_data`` commands.
"""
