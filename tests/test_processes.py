"""Stage processes: run in their own sessions, and stopped whole, helpers included."""

from __future__ import annotations

import os
import signal
import sys
import time

import psutil
import pytest

from analysis.site.processes import BuildInterrupted, StageRunner, stop_group

#: A stage that starts a helper of its own and then waits: both must be stopped.
PARENT_WITH_HELPER = (
    "import subprocess, sys, time\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_stage_runs_in_its_own_session() -> None:
    with StageRunner() as runner:
        result = runner.run([sys.executable, "-c", "import os; print(os.getsid(0))"], capture=True)
    assert int(result.stdout) != os.getsid(0)


def test_stop_group_ends_the_stage_and_its_helpers() -> None:
    with StageRunner() as runner:
        child = runner.start([sys.executable, "-c", PARENT_WITH_HELPER], capture=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        family = [psutil.Process(child.pid), *psutil.Process(child.pid).children(recursive=True)]
        assert len(family) == 2
        started = time.monotonic()
        stop_group(child)
        assert time.monotonic() - started < 3
    time.sleep(0.2)
    assert not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_to_the_driver_stops_the_stages_and_raises(signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    with pytest.raises(BuildInterrupted) as raised:
        with StageRunner() as runner:
            child = runner.start([sys.executable, "-c", PARENT_WITH_HELPER], capture=True)
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            family = [psutil.Process(child.pid), *psutil.Process(child.pid).children(recursive=True)]
            os.kill(os.getpid(), signum)
            time.sleep(5)  # the handler interrupts this sleep
    assert raised.value.exit_code == code
    time.sleep(0.2)
    assert not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert signal.getsignal(signum) is before  # the previous handler is back
