"""The scheduler on its own: ratings, formats, exact intervals, fuzz, leeches, the queue."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from quiz.clock import FixedClock, day_start, from_ms, study_day, to_ms, today_bounds, truncate_ms
from quiz.facts import Answer, Deck, Fact
from quiz.scheduler import (
    LEARNING, NEW_CARD, RELEARNING, Apart, REVIEW, SUSPENDED_BY_LEARNER, SUSPENDED_LEECH, CardState,
    QueueCounts, Rating, Scheduler, Settings, StoredCard, Today, build_queue, cram_items,
    exam_items, median, pick_format, score_percent, sort_cards, suggest_rating, wants_recall,
)

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
DAY_END = datetime(2026, 3, 3, 4, 0, tzinfo=timezone.utc)


def answer(text: str) -> Answer:
    """An answer of its own: cards sharing one are kept off the same day."""
    return Answer(text=text, kind="text", value=None)


def question(deck_id: str, fact_id: str) -> Fact:
    return Fact(id=fact_id, deck_id=deck_id, answers=(answer(f"{fact_id} answer"),), question=f"{fact_id}?")


def statement(deck_id: str, fact_id: str, blanks: int) -> Fact:
    text = " and ".join(f"{{{{{fact_id} blank {i}}}}}" for i in range(blanks))
    return Fact(id=fact_id, deck_id=deck_id, answers=tuple(answer(f"{fact_id} blank {i}") for i in range(blanks)),
                text=text)


def deck(deck_id: str, *facts: Fact) -> Deck:
    return Deck(id=deck_id, title=deck_id, facts=facts)


def review_state(stability: float, due: datetime, last: datetime, lapses: int = 0) -> CardState:
    return CardState(state=REVIEW, stability=stability, difficulty=5.0, due=due,
                     last_review=last, reps=3, lapses=lapses)


# -- clock ---------------------------------------------------------------------------------

def test_times_round_trip_through_milliseconds() -> None:
    moment = datetime(2026, 3, 2, 18, 0, 1, 123456, tzinfo=timezone.utc)
    assert from_ms(to_ms(moment)) == truncate_ms(moment) == moment.replace(microsecond=123000)
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    rng = random.Random(2)
    for ms in [0, -1, -999, -1000, -1001, 999, 1000, -62135596800000, 253402300799999,
               *(rng.randrange(-62135596800000, 253402300799999) for _ in range(2000))]:
        assert from_ms(ms) == epoch + timedelta(milliseconds=ms) and to_ms(from_ms(ms)) == ms
    with pytest.raises(ValueError, match="naive"):
        to_ms(datetime(2026, 3, 2))


@pytest.mark.parametrize(("utc", "expected"), [
    (datetime(2026, 3, 2, 2, 59, tzinfo=timezone.utc), "2026-03-01"),  # 03:59 in Paris
    (datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc), "2026-03-02"),   # 04:00 in Paris
    (datetime(2026, 7, 2, 1, 59, tzinfo=timezone.utc), "2026-07-01"),  # 03:59 summer time
    (datetime(2026, 7, 2, 2, 0, tzinfo=timezone.utc), "2026-07-02"),
])
def test_the_study_day_ends_at_four_in_the_learners_zone(utc: datetime, expected: str) -> None:
    assert study_day(utc, ZoneInfo("Europe/Paris"), 4).isoformat() == expected


def test_today_runs_from_one_rollover_to_the_next() -> None:
    paris = ZoneInfo("Europe/Paris")
    start, end = today_bounds(datetime(2026, 3, 2, 12, tzinfo=timezone.utc), paris, 4)
    assert start == datetime(2026, 3, 2, 3, tzinfo=timezone.utc)
    assert end == datetime(2026, 3, 3, 3, tzinfo=timezone.utc)
    assert day_start(start.date(), paris, 0) == datetime(2026, 3, 1, 23, tzinfo=timezone.utc)


def test_a_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(NOW)
    assert clock.now() == clock.now() == NOW
    assert clock.advance(timedelta(minutes=5)) == NOW + timedelta(minutes=5)


# -- ratings -------------------------------------------------------------------------------

@pytest.mark.parametrize(("verdict", "fmt", "duration", "median_ms", "expected"), [
    ("wrong", "recall", 500, 4000.0, Rating.Again),
    ("close", "recall", 500, 4000.0, Rating.Hard),
    ("correct", "recall", 4000, 4000.0, Rating.Good),
    ("correct", "recall", 1999, 4000.0, Rating.Easy),
    ("correct", "recall", 2000, 4000.0, Rating.Good),
    ("correct", "cloze", 1000, 4000.0, Rating.Easy),
    ("correct", "choice", 100, 4000.0, Rating.Good),     # recognition is never Easy
    ("correct", "truefalse", 100, 4000.0, Rating.Good),
    ("correct", "recall", 100, None, Rating.Good),       # no median yet
    ("close", "recall", 100, 4000.0, Rating.Hard),       # quick but only close
])
def test_verdicts_map_to_ratings(verdict: str, fmt: str, duration: int,
                                 median_ms: float | None, expected: Rating) -> None:
    assert suggest_rating(verdict, fmt, duration, median_ms) == expected


def test_the_median_needs_enough_answers() -> None:
    assert median([1000.0] * 9) is None
    assert median([float(x) for x in range(1, 11)]) == 5.5
    assert median([float(x) for x in range(1, 12)]) == 6.0


# -- formats -------------------------------------------------------------------------------

ALL_FORMATS = ("choice", "truefalse", "recall", "cloze")


@pytest.mark.parametrize(("state", "group"), [
    (NEW_CARD, {"choice", "truefalse"}),
    (CardState(state=LEARNING, step=1, stability=2.3, difficulty=5.0, due=NOW, last_review=NOW),
     {"choice", "truefalse"}),
    (review_state(6.9, NOW, NOW), {"choice", "truefalse"}),
    (review_state(7.0, NOW, NOW), {"recall", "cloze"}),
    (CardState(state=RELEARNING, step=0, stability=30.0, difficulty=5.0, due=NOW, last_review=NOW),
     {"choice", "truefalse"}),
])
def test_format_follows_maturity(state: CardState, group: set[str]) -> None:
    rng = random.Random(3)
    picked = {pick_format(state, ALL_FORMATS, rng) for _ in range(40)}
    assert picked == group


def test_a_lapse_drops_back_to_recognition() -> None:
    scheduler = Scheduler(fuzz=False)
    mature = review_state(30.0, NOW, NOW - timedelta(days=30))
    assert wants_recall(mature)
    lapsed = scheduler.review(("d", "f", 0), mature, Rating.Again, NOW)
    assert lapsed.state == RELEARNING and not wants_recall(lapsed)
    relearned = scheduler.review(("d", "f", 0), lapsed, Rating.Good, NOW + timedelta(minutes=10))
    assert relearned.state == REVIEW and not wants_recall(relearned)


def test_a_fact_without_the_wanted_formats_falls_back() -> None:
    rng = random.Random(1)
    assert pick_format(NEW_CARD, ["recall"], rng) == "recall"
    assert pick_format(review_state(50.0, NOW, NOW), ["choice"], rng) == "choice"
    with pytest.raises(ValueError):
        pick_format(NEW_CARD, [], rng)


def test_the_format_choice_is_seeded() -> None:
    picks = [pick_format(NEW_CARD, ALL_FORMATS, random.Random(s)) for s in range(20)]
    again = [pick_format(NEW_CARD, ALL_FORMATS, random.Random(s)) for s in range(20)]
    assert picks == again and len(set(picks)) == 2


# -- reviews -------------------------------------------------------------------------------

def test_exact_intervals_without_fuzz() -> None:
    scheduler = Scheduler(fuzz=False)
    key = ("d", "f", 0)
    first = scheduler.review(key, NEW_CARD, Rating.Good, NOW)
    assert (first.state, first.step, first.due) == (LEARNING, 1, NOW + timedelta(minutes=10))
    assert first.stability == pytest.approx(2.3065) and first.reps == 1
    second = scheduler.review(key, first, Rating.Good, first.due)
    assert second.state == REVIEW and second.due == first.due + timedelta(days=2)
    third = scheduler.review(key, second, Rating.Good, second.due)
    assert third.due == second.due + timedelta(days=11)
    lapse = scheduler.review(key, third, Rating.Again, third.due)
    assert (lapse.state, lapse.lapses, lapse.due) == (RELEARNING, 1, third.due + timedelta(minutes=10))
    easy = scheduler.review(key, NEW_CARD, Rating.Easy, NOW)
    assert easy.state == REVIEW and easy.due == NOW + timedelta(days=8)


def test_a_higher_desired_retention_gives_shorter_intervals() -> None:
    key = ("d", "f", 0)
    card = review_state(20.0, NOW, NOW - timedelta(days=20))
    low = Scheduler(Settings(desired_retention=0.8), fuzz=False).review(key, card, Rating.Good, NOW)
    high = Scheduler(Settings(desired_retention=0.95), fuzz=False).review(key, card, Rating.Good, NOW)
    assert high.due < low.due


def test_fuzz_is_seeded_by_card_and_review_count() -> None:
    scheduler = Scheduler()
    card = review_state(20.0, NOW, NOW - timedelta(days=20))
    plain = Scheduler(fuzz=False).review(("d", "f", 0), card, Rating.Good, NOW).due
    dues = [scheduler.review(("d", f"f{i}", 0), card, Rating.Good, NOW).due for i in range(30)]
    assert dues == [scheduler.review(("d", f"f{i}", 0), card, Rating.Good, NOW).due for i in range(30)]
    spread = {(d - plain).days for d in dues}
    assert len(spread) > 1 and all(abs(x) <= 6 for x in spread)


def test_a_review_returns_a_new_value() -> None:
    card = review_state(20.0, NOW, NOW - timedelta(days=20))
    after = Scheduler().review(("d", "f", 0), card, Rating.Good, NOW)
    assert card.due == NOW and after is not card and after.reps == card.reps + 1


def test_leeches_at_eight_lapses_then_every_four() -> None:
    scheduler = Scheduler()
    def lapse(n: int) -> tuple[CardState, CardState]:
        return CardState(state=REVIEW, lapses=n - 1), CardState(state=RELEARNING, lapses=n)
    assert [n for n in range(1, 21) if scheduler.is_leech(*lapse(n))] == [8, 12, 16, 20]
    assert not scheduler.is_leech(CardState(lapses=8), CardState(lapses=8))


def test_settings_are_validated_and_stored_explicitly() -> None:
    settings = Settings(desired_retention=0.85, new_per_day=5)
    assert Settings.from_dict(settings.to_dict()) == settings
    assert Settings.from_dict({"new_per_day": 7, "unknown": 1}).new_per_day == 7
    for bad in ({"desired_retention": 1.5}, {"new_per_day": -1}, {"day_ends_at": 24},
                {"new_per_day": "ten"}, {"new_per_day": 2.5}, {"leech_lapses": True}):
        with pytest.raises(ValueError):
            Settings.from_dict(bad)


def test_scores_count_close_as_half() -> None:
    assert score_percent(8, 2, 10) == 90.0
    assert score_percent(0, 0, 0) == 0.0


# -- queue ---------------------------------------------------------------------------------

def queue_keys(decks: list[Deck], cards: dict, today: Today | None = None,
               settings: Settings | None = None, now: datetime = NOW,
               apart: Apart | None = None) -> list[tuple[str, str, int]]:
    queue = build_queue(decks, cards, today or Today(), settings or Settings(), now, DAY_END,
                        apart=apart)
    keys = []
    while (item := queue.next(now)) is not None:
        keys.append(item.key)
    return keys


def test_due_reviews_come_first_most_overdue_first_then_new_in_deck_order() -> None:
    d = deck("d", *(question("d", f"f{i}") for i in range(5)))
    cards = {
        ("d", "f3", 0): StoredCard(review_state(10.0, NOW - timedelta(days=1), NOW - timedelta(days=11))),
        ("d", "f4", 0): StoredCard(review_state(2.0, NOW - timedelta(days=5), NOW - timedelta(days=7))),
        ("d", "f1", 0): StoredCard(review_state(10.0, NOW + timedelta(days=3), NOW - timedelta(days=7))),
    }
    assert queue_keys([d], cards) == [("d", "f4", 0), ("d", "f3", 0), ("d", "f0", 0), ("d", "f2", 0)]


def test_a_review_due_later_today_is_due_now() -> None:
    d = deck("d", question("d", "f0"))
    later = StoredCard(review_state(5.0, NOW + timedelta(hours=9), NOW - timedelta(days=5)))
    assert queue_keys([d], {("d", "f0", 0): later}) == [("d", "f0", 0)]
    tomorrow = StoredCard(review_state(5.0, DAY_END, NOW - timedelta(days=5)))
    assert queue_keys([d], {("d", "f0", 0): tomorrow}) == []


def test_new_cards_are_limited_per_deck_and_per_day() -> None:
    a = deck("a", *(question("a", f"f{i}") for i in range(30)))
    b = deck("b", *(question("b", f"f{i}") for i in range(30)))
    settings = Settings(new_per_day=4)
    keys = queue_keys([a, b], {}, Today(new_by_deck={"b": 3}), settings)
    assert keys == [("a", f"f{i}", 0) for i in range(4)] + [("b", "f0", 0)]


def test_reviews_are_capped_per_deck() -> None:
    d = deck("d", *(question("d", f"f{i}") for i in range(10)))
    cards = {("d", f"f{i}", 0): StoredCard(review_state(5.0, NOW - timedelta(days=i), NOW - timedelta(days=9)))
             for i in range(10)}
    keys = queue_keys([d], cards, Today(reviews_by_deck={"d": 2}), Settings(reviews_per_day=5))
    assert keys == [("d", f"f{i}", 0) for i in (9, 8, 7)]


def test_siblings_are_never_on_the_same_day() -> None:
    d = deck("d", statement("d", "s", 3), statement("d", "t", 2))
    assert queue_keys([d], {}) == [("d", "s", 0), ("d", "t", 0)]
    studied = Today(new_by_deck={"d": 1}, blanks_by_fact={("d", "s"): frozenset({0})})
    seen = {("d", "s", 0): StoredCard(review_state(2.3, DAY_END + timedelta(days=1), NOW))}
    assert queue_keys([d], seen, studied) == [("d", "t", 0)]
    # A due review of blank 1 takes the fact's slot; blank 0 (new) waits for another day.
    due = {("d", "t", 1): StoredCard(review_state(5.0, NOW, NOW - timedelta(days=5)))}
    assert queue_keys([d], due) == [("d", "t", 1), ("d", "s", 0)]


class Related:
    """A stand-in for `KeepApart`: the facts in one group are related; records each call."""

    def __init__(self, *groups: set[str]) -> None:
        self.groups = groups
        self.day: set[str] = set()
        self.asked: list[tuple[str, bool | None]] = []

    def fits(self, key: tuple[str, str, int], recall: bool | None = None) -> bool:
        self.asked.append((key[1], recall))
        return not any(key[1] in g and (g - {key[1]}) & self.day for g in self.groups)

    def admit(self, key: tuple[str, str, int], recall: bool | None = None) -> None:
        self.day.add(key[1])


def test_related_cards_wait_for_another_day() -> None:
    d = deck("d", *(question("d", f) for f in ("a", "b", "c", "e")))
    assert queue_keys([d], {}, apart=Related({"a", "b"}, {"c", "e"})) == [("d", "a", 0), ("d", "c", 0)]
    seen = {("d", "a", 0): StoredCard(review_state(3.0, DAY_END + timedelta(days=2), NOW)),
            ("d", "c", 0): StoredCard(review_state(3.0, DAY_END + timedelta(days=2), NOW))}
    assert queue_keys([d], seen, apart=Related({"a", "b"}, {"c", "e"})) == [("d", "b", 0), ("d", "e", 0)]


def test_cards_studied_today_and_learning_cards_hold_their_relatives_back() -> None:
    d = deck("d", *(question("d", f) for f in ("a", "b", "c", "e")))
    studied = Today(new_by_deck={"d": 1}, blanks_by_fact={("d", "a"): frozenset({0})})
    seen = {("d", "a", 0): StoredCard(review_state(3.0, DAY_END + timedelta(days=2), NOW))}
    assert queue_keys([d], seen, studied, apart=Related({"a", "b"})) == [("d", "c", 0), ("d", "e", 0)]
    learning = CardState(state=LEARNING, step=1, stability=2.3, difficulty=5.0, due=NOW, last_review=NOW)
    due = {("d", "e", 0): StoredCard(learning),  # a learning card is asked whatever it relates to
           ("d", "c", 0): StoredCard(review_state(5.0, NOW, NOW - timedelta(days=5)))}
    assert queue_keys([d], due, apart=Related({"e", "c"}, {"e", "a"})) == [("d", "e", 0), ("d", "b", 0)]


def test_a_card_cut_by_a_daily_limit_holds_nothing_back() -> None:
    d = deck("d", *(question("d", f) for f in ("a", "b", "c")))
    due = {("d", "a", 0): StoredCard(review_state(5.0, NOW, NOW - timedelta(days=5)))}
    keys = queue_keys([d], due, settings=Settings(reviews_per_day=0), apart=Related({"a", "b"}))
    assert keys == [("d", "b", 0), ("d", "c", 0)]
    related = Related({"b", "c"})
    assert queue_keys([d], {}, settings=Settings(new_per_day=1), apart=related) == [("d", "a", 0)]
    assert [f for f, _ in related.asked] == ["a"]  # nothing past the limit is even looked at


def test_a_day_of_related_cards_examines_only_a_few_past_the_limit() -> None:
    d = deck("d", *(question("d", f"f{i:03}") for i in range(300)))
    related = Related({f"f{i:03}" for i in range(300)})
    keys = queue_keys([d], {}, settings=Settings(new_per_day=5), apart=related)
    assert keys == [("d", "f000", 0)]
    assert len(related.asked) == 1 + 5 + 10  # the first, then the room plus ten


def test_past_fifty_learning_cards_hold_nothing_back() -> None:
    d = deck("d", *(question("d", f"f{i:02}") for i in range(60)))
    learning = {("d", f"f{i:02}", 0): StoredCard(CardState(
        state=LEARNING, step=1, stability=2.3, difficulty=5.0, due=NOW - timedelta(minutes=60 - i),
        last_review=NOW - timedelta(hours=1))) for i in range(60)}
    policy = Related()
    assert len(queue_keys([d], learning, apart=policy)) == 60  # every learning card is asked
    assert policy.day == {f"f{i:02}" for i in range(50)}  # the fifty due first hold back


def test_the_policy_is_told_whether_a_card_wants_recall() -> None:
    d = deck("d", question("d", "mature"), question("d", "young"), question("d", "fresh"))
    cards = {("d", "mature", 0): StoredCard(review_state(30.0, NOW, NOW - timedelta(days=30))),
             ("d", "young", 0): StoredCard(review_state(2.0, NOW, NOW - timedelta(days=2)))}
    related = Related()
    queue_keys([d], cards, apart=related)
    assert sorted(related.asked) == [("fresh", False), ("mature", True), ("young", False)]


def test_suspended_and_buried_cards_are_not_asked() -> None:
    d = deck("d", question("d", "a"), question("d", "b"), question("d", "c"), question("d", "e"))
    cards = {
        ("d", "a", 0): StoredCard(suspended=SUSPENDED_BY_LEARNER),
        ("d", "b", 0): StoredCard(review_state(5.0, NOW, NOW - timedelta(days=5)), SUSPENDED_LEECH),
        ("d", "c", 0): StoredCard(buried_until=DAY_END),
        ("d", "e", 0): StoredCard(buried_until=NOW - timedelta(hours=1)),
    }
    assert queue_keys([d], cards) == [("d", "e", 0)]


def test_cards_sorted_earlier_are_sorted_again_once_a_burial_ends_or_began() -> None:
    d = deck("d", question("d", "a"), question("d", "b"), question("d", "c"))
    ends = NOW + timedelta(hours=2)
    cards = {("d", "a", 0): StoredCard(buried_until=ends),
             ("d", "b", 0): StoredCard(buried_until=NOW - timedelta(hours=1))}
    early = sort_cards([d], cards, NOW, DAY_END)
    assert [k for k, _ in early.new] == [("d", "b", 0), ("d", "c", 0)]
    assert early.holds_at(NOW + timedelta(hours=1)) and not early.holds_at(ends)
    assert not early.holds_at(NOW - timedelta(hours=2))  # before b's burial ended

    def keys(at: datetime) -> list[tuple[str, str, int]]:
        queue = build_queue([d], cards, Today(), Settings(), at, DAY_END, sorted_cards=early)
        return [item.key for item in queue._new]
    assert keys(NOW + timedelta(hours=1)) == [("d", "b", 0), ("d", "c", 0)]
    assert keys(ends) == [("d", "a", 0), ("d", "b", 0), ("d", "c", 0)]
    assert keys(NOW - timedelta(hours=2)) == [("d", "c", 0)]


def test_cards_of_removed_facts_are_kept_but_not_asked() -> None:
    d = deck("d", question("d", "kept"))
    cards = {("d", "gone", 0): StoredCard(review_state(5.0, NOW, NOW - timedelta(days=5)))}
    assert queue_keys([d], cards) == [("d", "kept", 0)]
    back = deck("d", question("d", "kept"), question("d", "gone"))
    assert queue_keys([back], cards)[0] == ("d", "gone", 0)


def test_learning_steps_come_back_within_the_session() -> None:
    d = deck("d", question("d", "a"), question("d", "b"))
    scheduler = Scheduler(fuzz=False)
    queue = build_queue([d], {}, Today(), Settings(learn_ahead_minutes=0), NOW, DAY_END)
    now = NOW
    asked = []
    while True:
        item = queue.next(now)
        if item is None:
            due = queue.next_learning_due()
            if due is None:
                break
            now = due
            continue
        asked.append((item.key[1], item.kind))
        after = scheduler.review(item.key, item.state, Rating.Good, now)
        queue.answered(item, after)
        now += timedelta(seconds=30)
    assert asked == [("a", "new"), ("b", "new"), ("a", "learning"), ("b", "learning")]


def test_learn_ahead_shows_a_waiting_learning_card_when_nothing_else_is_left() -> None:
    d = deck("d", question("d", "a"))
    learning = CardState(state=LEARNING, step=1, stability=2.3, difficulty=5.0,
                         due=NOW + timedelta(minutes=10), last_review=NOW)
    queue = build_queue([d], {("d", "a", 0): StoredCard(learning)}, Today(),
                        Settings(learn_ahead_minutes=20), NOW, DAY_END)
    assert queue.counts().learning == 1
    assert queue.next(NOW).key == ("d", "a", 0)  # type: ignore[union-attr]
    queue = build_queue([d], {("d", "a", 0): StoredCard(learning)}, Today(),
                        Settings(learn_ahead_minutes=5), NOW, DAY_END)
    assert queue.next(NOW) is None and queue.next_learning_due() == NOW + timedelta(minutes=10)


def test_put_back_returns_an_item_to_the_front() -> None:
    d = deck("d", question("d", "a"), question("d", "b"))
    queue = build_queue([d], {}, Today(), Settings(), NOW, DAY_END)
    first = queue.next(NOW)
    assert first is not None
    queue.put_back(first)
    assert queue.next(NOW) == first


def test_forget_drops_every_entry_of_a_card() -> None:
    d = deck("d", question("d", "a"), question("d", "b"))
    queue = build_queue([d], {}, Today(), Settings(), NOW, DAY_END)
    item = queue.next(NOW)
    assert item is not None
    queue.answered(item, Scheduler(fuzz=False).review(item.key, item.state, Rating.Again, NOW))
    assert queue.counts() == QueueCounts(learning=1, review=0, new=1)
    queue.forget(item.key)
    queue.forget(("d", "b", 0))
    assert queue.counts().total == 0


def test_cram_takes_any_card_in_a_seeded_order() -> None:
    d = deck("d", *(question("d", f"f{i}") for i in range(6)), statement("d", "s", 2))
    cards = {("d", "f0", 0): StoredCard(suspended=SUSPENDED_BY_LEARNER)}
    items = cram_items([d], cards, seed=4)
    assert len(items) == 8 and {i.key for i in items} >= {("d", "f0", 0), ("d", "s", 1)}
    assert [i.key for i in items] == [i.key for i in cram_items([d], cards, seed=4)]
    assert [i.key for i in items] != [i.key for i in cram_items([d], cards, seed=5)]
    assert len(cram_items([d], cards, seed=4, limit=3)) == 3


def test_an_exam_draws_distinct_facts_first() -> None:
    d = deck("d", *(question("d", f"f{i}") for i in range(5)), statement("d", "s", 3))
    items = exam_items([d], {}, count=6, seed=9)
    assert len({(i.key[0], i.key[1]) for i in items}) == 6
    assert len(exam_items([d], {}, count=8, seed=9)) == 8
    assert len(exam_items([d], {}, count=50, seed=9)) == 8
    assert [i.key for i in items] == [i.key for i in exam_items([d], {}, count=6, seed=9)]


def test_retrievability_for_many_cards_is_py_fsrs_own() -> None:
    from quiz.scheduler import DEFAULT_PARAMETERS

    own = list(DEFAULT_PARAMETERS)
    own[20] = 0.35
    scheduler = Scheduler(Settings().with_parameters("fitted", own))
    rng = random.Random(4)
    for deck in ("", "fitted"):
        rank = scheduler.retrievability_at(NOW, deck)
        for _ in range(300):
            last = NOW - timedelta(minutes=rng.randrange(0, 400 * 24 * 60))
            state = CardState(state=REVIEW, stability=rng.uniform(0.01, 300), last_review=last,
                              due=last + timedelta(days=3), reps=3)
            assert rank(to_ms(last), state.stability) == scheduler.retrievability(state, NOW, deck)
        assert rank(None, None) == scheduler.retrievability(NEW_CARD, NOW, deck) == 0.0
