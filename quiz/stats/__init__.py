"""Figures for the history screen and for ``quiz history`` / ``quiz stats``, read from the store.

Every figure leaves out answers taken back (``undone = 1``). Sessions, the calendar and the
progress charts count every answer (study, cram and exam); true retention, calibration and
the hardest facts are about the *scheduled* reviews only: study mode, card in review state
before the answer (``state_from = 2``), passed when rated Hard or better.

Days are the learner's *study days* (`quiz.clock.study_day`: the local date, with the day
ending at ``day_ends_at``, 4 a.m. by default), so a session past midnight counts for the
evening it began and streaks follow the learner's clock across daylight-saving changes.

The sums run in SQL on the partial indexes of schema v3 (`quiz.store.schema`); a day's
count is a range count on an index, so a year of a million reviews sums in milliseconds.
One module per figure; each figure is a dataclass whose fields are its JSON keys, written
by the one serialiser `to_json`. No Textual, no Rich.
"""

from __future__ import annotations

from quiz.stats.bests import BestRow, best_rows, bests
from quiz.stats.calendar import CALENDAR_DAYS, Calendar, calendar, day_counts, streaks
from quiz.stats.cards import (
    CONFUSED_LIMIT, CONFUSION_SAMPLE, HARDEST_LIMIT, Confusion, HardCard, card_text, confusions,
    hardest,
)
from quiz.stats.common import Days, Reader, to_json
from quiz.stats.forecast import FORECAST_DAYS, Forecast, forecast
from quiz.stats.overview import Overview, overview
from quiz.stats.progress import PROGRESS_WEEKS, Period, progress
from quiz.stats.retention import (
    CALIBRATION_EDGES, FORMAT_ORDER, INTERVAL_BANDS, MIN_RETENTION_REVIEWS, MIN_ROW_REVIEWS,
    RETENTION_SAMPLE, CalibrationBin, Retention, Tally, band_of, recall_curve, retention,
)
from quiz.stats.sessions import SESSION_LIMIT, SessionRow, session_count, sessions

__all__ = [
    "CALENDAR_DAYS", "CALIBRATION_EDGES", "CONFUSED_LIMIT", "CONFUSION_SAMPLE", "FORECAST_DAYS",
    "FORMAT_ORDER", "HARDEST_LIMIT", "INTERVAL_BANDS", "MIN_RETENTION_REVIEWS",
    "MIN_ROW_REVIEWS", "PROGRESS_WEEKS", "RETENTION_SAMPLE", "SESSION_LIMIT",
    "BestRow", "Calendar", "CalibrationBin", "Confusion", "Days", "Forecast", "HardCard",
    "Overview", "Period", "Reader", "Retention", "SessionRow", "Tally", "band_of", "best_rows",
    "bests", "calendar", "card_text", "confusions", "day_counts", "forecast", "hardest",
    "overview", "progress", "recall_curve", "retention", "session_count", "sessions", "streaks",
    "to_json",
]
