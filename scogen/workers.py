"""Forked worker processes that never outlive the build that started them.

A build killed with SIGKILL cannot stop its workers; without this they would wait
forever on a pipe nobody reads. On Linux each worker asks the kernel for SIGKILL
when its parent goes (``prctl(PR_SET_PDEATHSIG)``); elsewhere it checks that its
parent is still there when it starts.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent went before the request took effect
        os._exit(1)
