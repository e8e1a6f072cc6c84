"""`StoreThread.finish`: the last call runs after every call made before it, and no call is
made after it (the app queues the store's close when it quits, while Textual takes the
screens down)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from quiz.tui.runner import StoreThread


def test_last_call_runs_after_the_calls_before_it_and_refuses_later_ones() -> None:
    runner = StoreThread()
    order: list[str] = []
    gate = threading.Event()

    async def scenario() -> None:
        first = asyncio.ensure_future(runner.call(lambda: (gate.wait(5), order.append("answer"))))
        await asyncio.sleep(0)  # the answer is queued (and held) before the close
        runner.finish(order.append, "close")
        runner.finish(order.append, "close again")  # only the first last call is queued
        with pytest.raises(asyncio.CancelledError):
            await runner.call(order.append, "too late")
        assert runner.submit(order.append, "too late").cancelled()
        gate.set()
        await first

    asyncio.run(scenario())
    runner.close()
    assert order == ["answer", "close"]
