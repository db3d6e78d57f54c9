"""Run the real django-tasks-db worker in the test process until the queue is empty."""

import signal

from django.core.management import call_command


def run_worker() -> None:
    """`lantern db_worker --batch`: process every queued task, then return (the worker's own code, not a stand-in).

    The worker installs its own SIGINT/SIGTERM handlers for a graceful stop; put pytest's back afterwards.
    """
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
