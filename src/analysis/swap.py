"""Replace a whole folder in one step, so that readers see the old one or the new one.

Used to publish the built site (``_build/html``) and to swap in a rebuilt data
package: the new folder is prepared beside the live one and the two are
exchanged by a single ``renameat2(RENAME_EXCHANGE)`` system call (Linux,
glibc 2.28 or later). Where that call is missing, two renames are used; the
live path is then briefly absent, never half-written.

Examples
--------
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "new").mkdir(); _ = (root / "new" / "a.txt").write_text("new")
>>> (root / "live").mkdir(); _ = (root / "live" / "a.txt").write_text("old")
>>> replace_tree(root / "new", root / "live")
>>> (root / "live" / "a.txt").read_text()
'new'
>>> sorted(p.name for p in root.iterdir())
['live', 'new']
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _libc_renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    function = getattr(ctypes.CDLL(name, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _libc_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two existing paths; return False if the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(errno, os.strerror(errno), str(first), None, str(second))


def swap_in(prepared: Path, live: Path) -> None:
    """Make the complete folder ``prepared`` the new ``live``, in one step.

    ``prepared`` must sit in the same file system as ``live`` (beside it); it
    is consumed. The old ``live`` is deleted afterwards.
    """
    if not live.exists():
        prepared.rename(live)
        return
    if exchange(prepared, live):
        shutil.rmtree(prepared)
        return
    retired = live.with_name(f".{live.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    os.rename(live, retired)
    try:
        os.rename(prepared, live)
    except OSError:
        os.rename(retired, live)  # put the old folder back: never no folder for long
        raise
    shutil.rmtree(retired)


def replace_tree(source: Path, live: Path) -> None:
    """Copy the folder ``source`` and swap the copy in as ``live`` in one step."""
    prepared = live.with_name(f".{live.name}.new")
    shutil.rmtree(prepared, ignore_errors=True)  # left by an interrupted earlier run
    shutil.copytree(source, prepared, symlinks=True)
    swap_in(prepared, live)
