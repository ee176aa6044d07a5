"""Child processes that an interrupt stops, all of them, within seconds.

The build runs its stages (chapter execution, Sphinx, chart export) as child
processes. Each child starts in a session of its own, so that a Ctrl-C at the
terminal reaches only the driver; the driver then stops every child's whole
process group (the child and anything it started: pool workers, exporters),
first with SIGTERM and, after a grace period, with SIGKILL. Nothing a stopped
stage started is left running or writing.

Examples
--------
>>> with StageRunner() as runner:
...     runner.run(["python3", "-c", "print('ok')"], capture=True).stdout.strip()
'ok'
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

#: Seconds a stopped process group gets between SIGTERM and SIGKILL.
GRACE_SECONDS = 2.0

#: Exit codes the shell uses for a process ended by SIGINT and SIGTERM.
EXIT_CODES: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143}


class BuildInterrupted(Exception):
    """Raised in the driver when SIGINT or SIGTERM arrives; carries the exit code."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.exit_code = EXIT_CODES.get(signum, 1)


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group is still running (zombies do not count).

    A zombie stays in its group until its parent reaps it, and in a container
    whose first process does not reap orphans that may be never.
    """
    proc = Path("/proc")
    if not proc.is_dir():  # pragma: no cover - not Linux
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            return True
    return False


def stop_group(leader: subprocess.Popen[str], grace: float = GRACE_SECONDS) -> None:
    """Stop the whole process group ``leader`` started: SIGTERM, then SIGKILL.

    The leader is reaped while waiting, so that its exit is seen at once (a
    zombie still counts as a member of its group).
    """
    pgid = leader.pid
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, signum)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            leader.poll()
            if not _group_alive(pgid):
                return
            time.sleep(0.05)


class StageRunner:
    """Run child processes in their own sessions; stop them all on an interrupt.

    Use it as a context manager around the whole build: inside it SIGINT and
    SIGTERM raise :class:`BuildInterrupted` in the driver after every running
    child group has been stopped.
    """

    def __init__(self) -> None:
        self._children: dict[int, subprocess.Popen[str]] = {}
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StageRunner:
        for signum in EXIT_CODES:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop_all()
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Ignore repeats while the children are being stopped.
        for other in EXIT_CODES:
            signal.signal(other, signal.SIG_IGN)
        print(f"\n{signal.Signals(signum).name}: stopping the build", file=sys.stderr, flush=True)
        self.stop_all()
        raise BuildInterrupted(signum)

    def stop_all(self) -> None:
        """Stop every child process group that is still running."""
        for pid in list(self._children):
            child = self._children.pop(pid)
            stop_group(child)
            try:
                child.wait(timeout=GRACE_SECONDS)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL was sent
                pass

    def start(
        self,
        command: Sequence[str],
        *,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        capture: bool = False,
    ) -> subprocess.Popen[str]:
        """Start ``command`` in a new session and keep track of it."""
        child = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            start_new_session=True,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.STDOUT if capture else None,
            text=True,
        )
        self._children[child.pid] = child
        return child

    def wait(self, child: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
        """Wait for a started child and forget it; return its result."""
        stdout, _ = child.communicate()
        # A stage that ended may have left helpers behind in its group.
        if _group_alive(child.pid):
            stop_group(child)
        self._children.pop(child.pid, None)
        return subprocess.CompletedProcess(child.args, child.returncode, stdout, None)

    def run(self, command: Sequence[str], **options: Any) -> subprocess.CompletedProcess[str]:
        """Run ``command`` to its end in a new session (options as :meth:`start`)."""
        return self.wait(self.start(command, **options))
