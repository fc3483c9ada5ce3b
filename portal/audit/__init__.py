"""The audit log as people read it (``/audit/`` and the change histories of the organisation and
staff pages), on top of django-auditlog's ``LogEntry``:

- ``present``: what a reader sees of an entry (pure: no queries): Vietnamese field labels, values
  as people write them (choice labels, names instead of ids, Có/Không, dates and local times to
  the minute, "—" for empty), rich text and a description's tasks as a word diff, technical
  fields hidden, an import as one line with its counts;
- ``reports``: the queries (the entries a reader may see, filtered; the names, pages and import
  jobs the entries refer to, a constant number of queries per page);
- ``recording``: writes that add the changes of rows saved in bulk (a description's tasks and
  competency levels) to their owner's entry;
- ``forms``, ``views``, ``exporting``: the filters, the page and its XLSX export.
"""
