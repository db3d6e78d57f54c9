"""gunicorn's settings for `make serve-production` (`gunicorn -c python:lantern.web_server lantern.wsgi`).

Lantern's pages are CPU-bound Python over database reads, so the server runs several processes (one per core and
one more, gunicorn's advice for such work) with a few threads each, so that a slow export or a waiting database
query does not hold up the other users of that process. Behind a reverse proxy that terminates TLS (set
LANTERN_BEHIND_PROXY=1 so Django trusts its X-Forwarded-Proto); long jobs run in `lantern db_worker`, not here.
"""

import os

_cores = os.cpu_count() or 1

bind = os.environ.get("LANTERN_BIND", f"127.0.0.1:{os.environ.get('LANTERN_PORT', '8000')}")
workers = int(os.environ.get("LANTERN_WEB_WORKERS", _cores + 1))
worker_class = "gthread"
threads = int(os.environ.get("LANTERN_WEB_THREADS", 4))
# A streamed export of the largest authority runs for minutes; the worker still heartbeats while it streams.
timeout = int(os.environ.get("LANTERN_WEB_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# A process is replaced after this many requests, so that memory a large page held is given back.
max_requests = 2000
max_requests_jitter = 200
# No access log of gunicorn's own by default: its request line holds the query string (search terms can be names);
# lantern.requests (core/http.py) logs each request's method, path and status.
accesslog = os.environ.get("LANTERN_WEB_ACCESS_LOG") or None
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = os.environ.get("LANTERN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "lantern"
