"""Forked worker processes that never outlive the build that started them.

A build killed with SIGKILL cannot stop its workers; without this they would wait
forever on a pipe nobody reads. Each worker watches, from a daemon thread, that
its parent is still there, and ends when it is not. (``prctl(PR_SET_PDEATHSIG)``
would be quicker but fires when the *thread* that forked a worker ends, and
``multiprocessing.Pool`` forks replacement workers from a helper thread that ends
at shutdown, killing workers that hold the pool's queue lock.)
"""
from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``)."""
    if os.getppid() != parent:  # the parent went before this worker started
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="scogen-parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
