"""The study screen's background and scrolling body are drawn as blank lines at once
(`quiz.tui.widgets.blank.DrawnBlank`): the same lines, in the same styles, as Textual draws
them line by line, through the same line filters (NO_COLOR's, for one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.filter import LineFilter
from textual.strip import Strip
from textual.widget import Widget

from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.blank import DrawnBlank
from tui.helpers import make_app, pilot_test, settle


def _cells(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(s.text, s.style) for s in Segment.simplify(strip)] for strip in strips]


class Sepia(LineFilter):
    """A line filter that changes every colour (as NO_COLOR's does, on a coloured theme)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, (style or RichStyle()) + RichStyle(bgcolor="#704214"), control)
                for text, style, control in segments]


@pytest.mark.parametrize("filtered", [False, True])
@pilot_test
async def test_blank_drawn_widgets_draw_what_textual_draws(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filtered: bool) -> None:
    app = make_app(tmp_path, deck="alliance", seed=7)
    if filtered:
        filters = [*app.get_line_filters(), Sepia()]
        monkeypatch.setattr(app, "get_line_filters", lambda: filters)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        drawn = [screen, screen.query_one("#study-body")]
        for widget in drawn:
            assert isinstance(widget, DrawnBlank)
            assert widget._drawn_blank()
            crops = [widget.size.region, widget.size.region.crop_size((30, 5))]
            for crop in crops:
                fast = widget.render_lines(crop)
                widget._styles_cache.clear()
                textual = Widget.render_lines(widget, crop)
                assert _cells(fast) == _cells(textual), (type(widget).__name__, crop)


@pilot_test
async def test_a_bordered_body_is_drawn_by_textual(tmp_path: Path) -> None:
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#study-body")
        assert isinstance(body, DrawnBlank)
        body.styles.border = ("round", "red")
        await pilot.pause()
        assert not body._drawn_blank()
        lines = body.render_lines(body.size.region)
        assert "╭" in lines[0].text
