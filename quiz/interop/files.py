"""Writing a file whole or not at all: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["staged"]


@contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed over it when the block ends without error.

    Whatever the block writes to the temporary path appears at ``path`` at once, or (on
    an error, or Ctrl+C) not at all: the temporary file is removed and ``path`` is left
    as it was.
    """
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temporary = Path(name)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes it private; a deck is an ordinary file
    try:
        yield temporary
        with temporary.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
