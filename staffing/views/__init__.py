"""The staffing pages: ``staff`` (people, assignments, yearly records, quotas) and the report
pages, one module each, every view thin (parse, call a report or a service, render)."""
