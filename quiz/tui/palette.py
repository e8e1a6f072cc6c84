"""`key_commands`: the command palette's entries for the keys of the screen on view.

Ctrl+P lists every action a key of the screen runs, by its name and with its key, so a
learner who forgot a key finds it by what it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

LEFT_OUT = ("app.quit", "quit", "command_palette")
"""Actions the palette has of its own (Textual's Quit entry, the palette itself)."""


def key_commands(app: App[object], screen: Screen[object]) -> Iterator[SystemCommand]:
    """A palette entry for each shown, enabled key binding of ``screen``, once per action."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not (active.enabled and binding.show and binding.description) \
                or binding.action in seen or binding.action in LEFT_OUT:
            continue
        seen.add(binding.action)
        keys = binding.key_display or app.get_key_display(binding)
        yield SystemCommand(binding.description, f"key: {keys}",
                            partial(app.run_action, binding.action, active.node))
