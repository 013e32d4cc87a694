"""``checker serve``: a local web page for people who do not use a terminal.

The pieces:

* :mod:`~checker.web.app` — the Starlette application: the page, its static files and the API
  (``/api/check``, ``/api/annotate``, ``/api/rules`` and what the page uses);
* :mod:`~checker.web.guard` — what keeps it safe: the access token, allowed hosts, the upload
  size limit, security headers (a strict Content-Security-Policy);
* :mod:`~checker.web.uploads` — reading an upload into a temporary folder of its own, file
  names made safe, the options of a request;
* :mod:`~checker.web.pool` — worker processes with a time limit per request, so that one large
  file blocks neither the page nor the other users;
* :mod:`~checker.web.jobs` — what a worker does: the same engine, renderers and audit as the
  command line.

The page itself is plain HTML, CSS and JavaScript in ``static/``: no CDN, no network.
See docs/web.md.
"""
