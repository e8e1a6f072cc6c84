"""`when_composed`: an ``on_mount`` that runs only on a widget whose children are mounted.

Textual still sends Mount to a widget (or screen) that was being taken down as it was built
(the app quit, or the screen closed, before its compose ran): its compose mounts nothing
then, and a handler asking for a child raised NoMatches ("quiz: internal error" for "h"
then "q" pressed back to back). Such a widget is never shown, so there is nothing to do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

Handler = TypeVar("Handler", bound=Callable[..., Any])


def when_composed(handler: Handler) -> Handler:
    """Skip ``handler`` (an ``on_mount``) on a node already being removed or closed."""

    @functools.wraps(handler)
    def run(node: Any, *args: Any) -> Any:
        # A screen the closing app already took off its stack is no longer attached; a
        # widget being removed or closed has Textual's own flags set (as `Widget.mount`
        # reads them).
        if not node.is_attached or node._closing or node._pruning:
            return None
        return handler(node, *args)

    return run  # type: ignore[return-value]
