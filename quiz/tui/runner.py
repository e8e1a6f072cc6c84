"""`StoreThread`: every call into the study service runs on one thread of its own.

The score store's SQLite connection belongs to the thread that opened it, and the study
service may be used from one thread at a time. Textual's thread workers start a new
thread per worker, so instead the app keeps one long-lived thread and the screens'
workers await calls on it. Calls run in the order they were made: an answer submitted
just before the learner quits is stored before the session is finished and the app exits.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")


class StoreThread:
    """One worker thread for the study service; calls are queued first come, first served."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-store")
        self._closed = False
        self._last: Future[Any] | None = None
        """The last call (`finish`), once queued: no call is taken after it."""

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(*args, **kwargs)`` on the store thread and return its result.

        Exceptions raised by the function are raised here, in the caller's task. Once the
        last call is queued (`finish`), a call is not made: the caller is cancelled, as
        quitting cancels it anyway.
        """
        if self._last is not None:
            raise asyncio.CancelledError
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(function, *args, **kwargs))

    def submit(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``function`` without waiting for it (a cancelled future once `finish` was
        called: it is not made)."""
        if self._last is not None:
            refused: Future[T] = Future()
            refused.cancel()
            return refused
        return self._executor.submit(function, *args, **kwargs)

    def finish(self, function: Callable[..., Any], *args: Any) -> None:
        """Queue ``function`` as the last call, after every call made so far (the first
        time only): quitting closes the store while the screens are taken down, not after."""
        if self._last is None:
            self._last = self._executor.submit(function, *args)

    def close(self) -> None:
        """Wait for queued calls to finish, then stop the thread. Safe to call twice."""
        if not self._closed:
            self._closed = True
            self._executor.shutdown(wait=True)


async def in_daemon(function: Callable[[], T], name: str) -> T:
    """``function()`` on a daemon thread of its own, awaited: for long reads beside the
    app (checking a large score file) that quitting must not wait for, as it waits for
    `asyncio.to_thread` calls."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = function(), None
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task
            result, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:
            pass  # the app has quit meanwhile: nobody waits for the answer

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future
