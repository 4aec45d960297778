"""Named phases of a build, so a test can act at one instead of after a guessed delay.

``reached(name)`` marks a phase. With ``SCOGEN_PAUSE_AT=<name>`` in the environment
the build writes ``scogen: paused at <name>`` to stderr and waits there until it is
killed; without it the call does nothing.
"""
from __future__ import annotations

import os
import signal
import sys

PHASES = ("model", "staging", "rendered", "publishing")


def reached(name: str) -> None:
    assert name in PHASES, name
    if os.environ.get("SCOGEN_PAUSE_AT") != name:
        return
    sys.stderr.write(f"scogen: paused at {name}\n")
    sys.stderr.flush()
    while True:
        signal.pause()
