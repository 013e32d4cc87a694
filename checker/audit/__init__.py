"""``checker audit``: many reports at once, for the offices that receive them.

The pieces, in the order data flows through them:

* :mod:`checker.commands.inputs` turns files, folders, globs and ``@list`` files into paths;
* :mod:`~checker.audit.pool` runs :func:`~checker.audit.worker.process` in processes,
  where a crash or a hang costs one report;
* :mod:`~checker.audit.worker` reads a file, looks it up in the :mod:`~checker.audit.cache`,
  checks it and extracts its :mod:`~checker.audit.features`;
* :mod:`~checker.audit.batch` streams the results into ranked rows and a
  :mod:`~checker.audit.store` on disk, then runs :mod:`~checker.audit.copies` (报告雷同)
  and :mod:`~checker.audit.years` (year over year);
* :mod:`~checker.audit.terminal` and :mod:`~checker.audit.exports` show the result.

See docs/audit.md.
"""
