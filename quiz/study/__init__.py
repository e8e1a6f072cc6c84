"""The study service the app talks to: decks, store, scheduler and questions behind one door.

`Study` (`quiz.study.service`) is made once per app (`Study.open(decks_dir, scores_dir,
clock)`): it loads the decks through the compiled cache, opens the score store, and gives
the home screen its `DeckOverview` rows. `Study.start(...)` returns a `Session`
(`quiz.study.session`): the cards of one sitting in study, cram or exam mode. A session
hands out `Card`s (a question in the format the scheduler chose for the card's maturity),
takes answers and returns `Outcome`s (grade, rating, the next interval for each rating,
points, streak), and every answer is in the store, in one transaction, before `answer`
returns. The values live in `quiz.study.values`. No Textual here: screens call these, and
catch `quiz.errors.StoreError` when the score file fails them.
"""

from __future__ import annotations

from quiz.study.service import Study
from quiz.study.session import Session
from quiz.study.values import (
    RATING_NAMES, Card, DeckOverview, ItemResult, Mode, Outcome, Progress, Summary,
)

__all__ = ["RATING_NAMES", "Card", "DeckOverview", "ItemResult", "Mode", "Outcome", "Progress",
           "Session", "Study", "Summary"]
