"""Workers die with their parent: a Linux parent-death signal, set as each worker starts.

A worker stuck in durable-rules' C core holds the GIL, so no thread of its own could notice that
its parent is gone; the kernel can: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` kills the worker as soon
as its parent dies, however abruptly (SIGKILL, OOM killer), wherever the worker is. The signal is
tied to the *thread* that forked the worker: a pool forked by a thread that then exits loses its
workers, and the next check finds the pool broken and starts another (retried like a crash).
On systems without ``prctl`` (macOS, Windows) nothing is set.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies; exit now if `parent` is gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)


def start_worker(parent: int) -> None:
    """A pool worker's initializer: die with `parent`, and collect garbage again (workers are
    forked during a check, when the parent has paused the collector)."""
    die_with_parent(parent)
    gc.enable()
