"""The offline copy: the whole built site as a zip that works opened from ``file://``.

Packed by the print-edition stage of ``make book`` (see
:mod:`analysis.site.print_edition`) into the staged site's downloads, so that
publishing swaps it in with the site. The zip holds every file of the site
(the PDF included) under one folder, ``russia-iran-relations/``, except the
zip itself; a reader unzips it and opens ``index.html``.

What makes the site work from ``file://`` is in the site itself: the charts
are drawn from specifications loaded as scripts (``_static/charts/<name>.spec.js``,
never fetched), search results take their
snippets from a script rather than fetching pages
(:mod:`analysis.site.sphinx_search`), and every link names its ``.html`` file.

The zip is deterministic: members sorted, fixed times and modes. Its inputs'
hash is kept beside the site; an unchanged site is not packed again.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from analysis.site.print_edition import DOWNLOADS

#: The zip's name in the site's downloads, and the folder it unpacks to.
ZIP_NAME = "russia-iran-relations-offline.zip"
ZIP_ROOT = "russia-iran-relations"
#: Every member's time: the zip's own epoch, as the site's other zips use.
_EPOCH = (2026, 1, 1, 0, 0, 0)
#: Files already compressed, stored as they are.
_STORED = frozenset({".zip", ".png", ".jpg", ".jpeg", ".gz", ".parquet", ".woff", ".woff2"})


def site_files(site: Path) -> list[str]:
    """Every file of the site to pack, as sorted POSIX paths (the offline zip left out).

    Examples
    --------
    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> for name in ["b.html", f"{DOWNLOADS}/{ZIP_NAME}", "a/c.js"]:
    ...     (site / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (site / name).write_text("x")
    >>> site_files(site)
    ['a/c.js', 'b.html']
    """
    own = f"{DOWNLOADS}/{ZIP_NAME}"
    names = (path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    return sorted(name for name in names if name != own and not Path(name).name.startswith(f".{ZIP_NAME}"))


def files_digest(site: Path, names: list[str]) -> str:
    """A sha256 over the names and bytes of the site's files."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes() + b"\0")
    return digest.hexdigest()


def pack(site: Path, names: list[str], target: Path) -> None:
    """Write ``names`` of ``site`` into the zip ``target`` under :data:`ZIP_ROOT`, deterministically."""
    with zipfile.ZipFile(target, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{name}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_STORED if Path(name).suffix in _STORED else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, (site / name).read_bytes(), compresslevel=6)


def write_offline_copy(site: Path) -> tuple[Path, bool]:
    """Pack ``site`` into its downloads unless the zip there was packed from the same files.

    Returns the zip's path and whether it was packed now.
    """
    import os
    import tempfile

    target = site / DOWNLOADS / ZIP_NAME
    stamp = site.parent / ".rir-cache" / "offline-copy.sha256"
    names = site_files(site)
    digest = files_digest(site, names)
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{ZIP_NAME}.", suffix=".tmp")
    os.close(handle)
    try:
        pack(site, names, Path(temporary))
        os.chmod(temporary, 0o644)  # served like the site's other downloads
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return target, True
