"""workers.py: how many workers share out the work, and worker processes that leave Ctrl-C to
the main process."""

from __future__ import annotations

import os
import signal

from briefgen.workers import process_pool, worker_count


def test_one_worker_a_core_unless_asked_never_more_than_the_tasks():
    assert worker_count(None, 1000) == (os.cpu_count() or 1)
    assert worker_count(3, 1000) == 3
    assert worker_count(8, 2) == 2
    assert worker_count(None, 0) == 0


def _on_interrupt() -> object:
    return signal.getsignal(signal.SIGINT)


def test_a_worker_leaves_ctrl_c_to_the_main_process():
    with process_pool(1) as pool:
        assert pool.submit(_on_interrupt).result() == signal.SIG_IGN
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN  # the main process's is its own
