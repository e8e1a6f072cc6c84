"""Opening a fact in the learner's editor (``$VISUAL``, then ``$EDITOR``) at its line.

The app gives the terminal to the editor while it runs (`App.suspend`) and takes it back
when the editor exits; the caller then reloads the deck. Terminal editors take ``+LINE``;
the common graphical ones are told ``--wait`` so the app waits for the file to be saved.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported

FILE_LINE = {"code": ["--wait", "--goto"], "codium": ["--wait", "--goto"],
             "subl": ["--wait"], "zed": ["--wait"], "hx": [], "helix": []}
"""Editors that take ``FILE:LINE`` (with these options) rather than ``+LINE FILE``."""


def editor_command(path: str | os.PathLike[str], line: int,
                   environ: dict[str, str] | None = None) -> list[str] | None:
    """The command that opens ``path`` at ``line``; None when no editor is set."""
    env = os.environ if environ is None else environ
    editor = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    if not editor:
        return None
    try:
        argv = shlex.split(editor)
    except ValueError:
        argv = [editor]
    name = Path(argv[0]).name
    if name in FILE_LINE:
        return [*argv, *FILE_LINE[name], f"{path}:{line}"]
    return [*argv, f"+{max(1, line)}", os.fspath(path)]


def edit(app: App[object], path: str | os.PathLike[str], line: int) -> str | None:
    """Run the editor on ``path`` at ``line`` with the app suspended.

    Returns:
        None when the editor ran and exited cleanly, else one sentence saying what went wrong.
    """
    command = editor_command(path, line)
    if command is None:
        return (f"Set $VISUAL or $EDITOR to edit facts from quiz; this one is at {path}:{line}.")
    try:
        if app.is_headless:  # no terminal to hand over (tests)
            status = subprocess.call(command)
        else:
            with app.suspend():
                status = subprocess.call(command)
    except SuspendNotSupported:
        return f"This terminal cannot hand itself to an editor; the fact is at {path}:{line}."
    except OSError as exc:
        return f"The editor {command[0]} could not be started: {exc.strerror or exc}."
    if status != 0:
        return f"The editor {command[0]} exited with status {status}; the deck is read again anyway."
    return None
