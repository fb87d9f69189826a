"""Work shared out across the computer's cores: how many workers to use, and a pool of worker
processes that leave Ctrl-C to the main process, which stops the work and says so (a worker
interrupted in the middle would print a Python traceback of its own)."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


def worker_count(asked: int | None, tasks: int) -> int:
    """``asked`` workers (one per core where none is asked for), never more than ``tasks``."""
    return min(asked or os.cpu_count() or 1, tasks)


def process_pool(count: int) -> ProcessPoolExecutor:
    """A pool of ``count`` worker processes, each leaving Ctrl-C to the main process."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=count, initializer=_leave_interrupts)


def _leave_interrupts() -> None:
    """In a worker: Ctrl-C is for the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
