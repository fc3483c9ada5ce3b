"""The one generic import/export engine of VTVL Portal (IMPORT_FORMAT.md).

- ``readers``: CSV/XLSX bytes → header + rows (size, zip-bomb, XXE and used-range checks first).
- ``values``: the value parsers every sheet's columns are built from.
- ``engine``: ``Sheet``/``Column``/``Context`` (what a sheet declares) and the pipeline
  (``run_import``, ``create_job``/``preview_job``/``confirm_job``).
- ``exporting``: XLSX/CSV export (formula-escaped), templates, errors-only workbooks.
- ``registry``: apps register their sheets in ``AppConfig.ready`` so ``portal`` never imports them.
- ``organizations``: the organisation sheet (the one ``portal`` owns).

Keep this module free of imports: the submodules are imported where they are used.
"""
