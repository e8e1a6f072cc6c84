"""The study service: sessions through the real store in tmp_path, on a fixed clock."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quiz.clock import FixedClock
from quiz.questions import Question, formats_for, make_question
from quiz.study import Study
from quiz.study.items import item_results, response_text

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def right_response(q: Question) -> Any:
    """What a learner who knows the answer gives, in the shape the format takes."""
    if q.format in ("choice", "truefalse"):
        return q.correct_index
    if q.format == "order":
        return list(q.solution)
    if q.format == "match":
        return [(i, j) for i, j in enumerate(q.solution)]
    return q.answer


def wrong_response(q: Question) -> Any:
    if q.format in ("choice", "truefalse"):
        assert q.correct_index is not None
        return (q.correct_index + 1) % len(q.options)
    if q.format == "order":
        return list(reversed(q.solution))
    if q.format == "match":
        return [(i, (j + 1) % len(q.solution)) for i, j in enumerate(q.solution)]
    return "zzzz qqqq"


@pytest.fixture()
def study(tmp_path: Path) -> Study:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(ROOT / "decks" / "us-france.yaml", decks)
    opened = Study.open(decks, tmp_path / "scores", FixedClock(START))
    yield opened
    opened.close()


def test_overview_of_a_fresh_store(study: Study) -> None:
    (row,) = study.overview()
    deck = study.library.deck("us-france")
    assert (row.deck_id, row.title, row.total) == ("us-france", deck.title, deck.card_count)
    assert (row.due, row.new, row.seen, row.last_studied, row.retention) == (0, 20, 0, None, None)
    assert study.is_first_run()


def test_a_review_session_records_every_answer(study: Study) -> None:
    session = study.start(["us-france"], seed=3)
    assert session.progress.remaining == 20
    formats = set()
    verdicts = []
    answered = 0
    while (card := session.next()) is not None and answered < 30:
        formats.add(card.question.format)
        assert card.is_new or card.number > 1
        response = right_response(card.question) if answered % 3 else wrong_response(card.question)
        outcome = session.answer(response, duration_ms=4000)
        verdicts.append(outcome.grade.verdict)
        assert set(outcome.intervals) == {1, 2, 3, 4}
        assert outcome.intervals[1] <= outcome.intervals[3] <= outcome.intervals[4]
        answered += 1
    assert answered == 30  # wrong answers come back through the learning steps
    # new cards are asked for recognition, or typed when their fact offers nothing else
    assert formats & {"choice", "truefalse", "match"}
    assert "recall" not in formats or any(
        not set(formats_for(study.library.deck("us-france"), r.key[1], r.key[2])) & {"choice", "truefalse", "match"}
        for r in study.store.session_reviews(session.session_id) if r.format == "recall")
    assert "wrong" in verdicts and "correct" in verdicts
    stored = study.store.session_reviews(session.session_id)
    assert len(stored) == answered
    summary = session.finish()
    assert summary.answered == answered and summary.correct == verdicts.count("correct")
    assert summary.score == session.progress.score > 0
    assert summary.missed and summary.personal_best is None and summary.new_best
    assert sum(n for n, _ in summary.by_format.values()) == answered
    assert session.finish() is summary
    assert not study.is_first_run()


def test_points_streak_and_undo(study: Study) -> None:
    session = study.start(["us-france"], seed=5)
    card = session.next()
    assert card is not None
    first = session.answer(right_response(card.question), 3000)
    assert first.grade.verdict == "correct" and first.points > 0 and first.streak == 1
    card2 = session.next()
    assert card2 is not None
    second = session.answer(right_response(card2.question), 3000)
    assert second.score == first.points + second.points and second.streak == 2
    again = session.undo()
    assert again is not None and again.key == card2.key
    assert session.progress.score == first.points and session.progress.streak == 1
    reviews = study.store.session_reviews(session.session_id)
    assert [r.undone for r in reviews] == [False, True]
    assert session.next() is again  # the taken-back card is asked again


def test_override_replaces_the_stored_rating(study: Study) -> None:
    session = study.start(["us-france"], seed=8)
    card = session.next()
    assert card is not None
    outcome = session.answer(right_response(card.question), 3000)
    assert outcome.rating == outcome.suggested == 3
    changed = session.override(1)
    assert changed.rating == 1 and changed.suggested == 3
    (review,) = study.store.session_reviews(session.session_id)
    assert int(review.rating) == 1
    assert study.store.card(card.key).state.due == START + changed.intervals[1]


def test_cram_leaves_the_schedule_alone(study: Study) -> None:
    session = study.start(["us-france"], mode="cram", count=5, seed=1)
    while (card := session.next()) is not None:
        outcome = session.answer(right_response(card.question), 2000)
        assert outcome.intervals == {}
    assert session.finish().answered == 5
    assert all(c.state.is_new for c in study.store.cards(["us-france"]).values())


def test_exam_stops_when_time_is_up(study: Study, tmp_path: Path) -> None:
    clock = study.clock
    assert isinstance(clock, FixedClock)
    session = study.start(["us-france"], mode="exam", count=10, seed=2)
    assert session.progress.remaining == 10
    card = session.next()
    assert card is not None
    session.answer(right_response(card.question), 1000)
    clock.advance(timedelta(minutes=study.settings().exam_minutes, seconds=1))
    assert session.next() is None
    summary = session.finish()
    assert summary.answered == 1 and summary.mode == "exam"


def test_suspend_and_bury_take_the_card_out_of_review(study: Study) -> None:
    session = study.start(["us-france"], seed=4)
    first = session.next()
    assert first is not None
    session.suspend()
    second = session.next()
    assert second is not None and second.key != first.key
    session.bury()
    assert study.store.card(first.key).suspended
    assert study.store.card(second.key).buried_until is not None
    later = study.start(["us-france"], seed=4)
    keys = []
    while (card := later.next()) is not None and len(keys) < 25:
        keys.append(card.key)
        later.answer(right_response(card.question), 1000)
    assert first.key not in keys and second.key not in keys


def test_location_points_at_the_fact(study: Study) -> None:
    session = study.start(["us-france"], seed=4)
    card = session.next()
    assert card is not None
    path, line = session.location() or ("", 0)
    assert path.endswith("us-france.yaml") and line == card.fact.line > 0


def test_points_are_kept_in_the_store_and_best_is_remembered(study: Study) -> None:
    scores = []
    for seed in (11, 12):
        session = study.start(["us-france"], mode="cram", count=6, seed=seed)
        while (card := session.next()) is not None:
            session.answer(right_response(card.question), 1500)
        summary = session.finish()
        stored = study.store.session(session.session_id)
        assert stored.points == summary.score == session.progress.score > 0
        scores.append(summary)
    assert scores[0].personal_best is None
    assert scores[1].personal_best == scores[0].score
    assert scores[1].new_best == (scores[1].score > scores[0].score)


def test_daily_backup_is_made_once_a_day(study: Study) -> None:
    from quiz.store.backup import list_backups

    session = study.start(["us-france"], seed=1)
    card = session.next()
    assert card is not None
    session.answer(right_response(card.question), 1000)
    assert study.backup_daily() is None
    assert study.backup_daily() is None
    assert len([b for b in list_backups(study.scores_dir) if b.kind == "auto"]) == 1


def test_a_failed_backup_is_a_sentence_not_a_crash(study: Study, monkeypatch: pytest.MonkeyPatch) -> None:
    import quiz.store.backup as backup

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "auto_backup", full)
    assert study.backup_daily() == ("Today's backup of your scores could not be made: "
                                    "[Errno 28] No space left on device")


def test_cram_on_chosen_cards_asks_exactly_those(study: Study) -> None:
    deck = study.library.deck("us-france")
    keys = [deck.facts[5].card_key(0), deck.facts[2].card_key(0), ("us-france", "gone", 0),
            deck.facts[5].card_key(0)]
    session = study.start(["us-france"], seed=3, keys=keys)
    asked = []
    while (card := session.next()) is not None:
        asked.append(card.key)
        session.answer(right_response(card.question), 1000)
    assert asked == keys[:2] and session.mode == "cram"
    assert all(c.state.is_new for c in study.store.cards(["us-france"]).values())


def test_a_short_session_sets_no_personal_best(study: Study) -> None:
    session = study.start(["us-france"], mode="cram", count=2, seed=5)
    while (card := session.next()) is not None:
        session.answer(right_response(card.question), 1000)
    statements: list[str] = []
    study.store._conn.set_trace_callback(statements.append)
    asked = []
    checkpoint = study.store.checkpoint
    study.store.checkpoint = lambda: asked.append(checkpoint())  # type: ignore[method-assign]
    summary = session.finish()
    assert summary.answered == 2 and summary.score > 0 and not summary.new_best
    # The session's end has the write-ahead log copied into the file, on a thread of its own
    # (`quiz.store.checkpoints`): nothing the summary waits for.
    assert len(asked) == 1 and not any("checkpoint" in s for s in statements)


def test_opening_on_one_deck_reads_the_others_later(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in ("us-france.yaml", "space.yaml"):
        shutil.copy(ROOT / "decks" / name, decks)
    first = Study.open(decks, tmp_path / "scores", FixedClock(START), first="space")
    assert [d.id for d in first.library.decks] == ["space"] and first.partial
    first.complete()
    assert [d.id for d in first.library.decks] == ["space", "us-france"] and not first.partial
    first.close()
    # In the background (the app, once a first question is drawn): a later `complete` waits
    # for that reading rather than doing it again.
    later = Study.open(decks, tmp_path / "scores", FixedClock(START), first="space")
    later.complete_in_background()
    later.complete(warm_units=False)
    assert [d.id for d in later.library.decks] == ["space", "us-france"] and not later.partial
    later.close()
    unknown = Study.open(decks, tmp_path / "scores", FixedClock(START), first="nope")
    assert len(unknown.library.decks) == 2 and not unknown.partial
    unknown.close()


def test_opening_on_one_deck_writes_its_compiled_copy_in_a_private_folder(
        tmp_path: Path) -> None:
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    decks.mkdir()
    for name in ("us-france.yaml", "space.yaml"):
        shutil.copy(ROOT / "decks" / name, decks)
    study = Study.open(decks, scores, FixedClock(START), first="space")
    cache = scores / "cache"
    assert len(list(cache.glob("*.deck"))) == 1  # written while open, though it quits now
    assert scores.stat().st_mode & 0o777 == 0o700  # the store made the folder, private
    study.complete(warm_units=False)
    assert len(list(cache.glob("*.deck"))) == 2
    study.close()
    again = Study.open(decks, scores, FixedClock(START), first="space")
    assert again.library.deck("space").facts.entry is not None  # read from its copy
    again.close()


def test_quitting_on_the_first_question_still_writes_its_compiled_copy(tmp_path: Path) -> None:
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    decks.mkdir()
    for name in ("us-france.yaml", "space.yaml"):
        shutil.copy(ROOT / "decks" / name, decks)
    study = Study.open(decks, scores, FixedClock(START), first="space")
    assert study.start(["space"], seed=1).next() is not None
    study.close()  # no `complete`: the app quit on its first question
    assert len(list((scores / "cache").glob("*.deck"))) == 1  # the deck studied
    again = Study.open(decks, scores, FixedClock(START), first="space")
    assert again.library.deck("space").facts.entry is not None  # read from its copy
    again.close()


def test_home_due_count_is_capped_by_the_review_limit(study: Study) -> None:
    session = study.start(["us-france"], seed=2)
    card = session.next()
    assert card is not None
    session.answer(right_response(card.question), 1000)
    session.override(4)  # Easy: a review card, due in days
    study.clock.advance(timedelta(days=60))  # type: ignore[attr-defined]
    (row,) = study.overview()
    assert row.due == 1
    study.update_settings(reviews_per_day=0)
    (row,) = study.overview()
    assert row.due == 0
    counts = study.store.deck_counts(study.decks())["us-france"]
    assert (counts.due, counts.due_today) == (1, 0)


def test_home_counts_are_what_the_queue_asks_with_related_cards_held_back(study: Study) -> None:
    from quiz.clock import today_bounds
    from quiz.scheduler import Scheduler, Today, build_queue
    deck = study.decks(["us-france"])[0]
    study.update_settings(new_per_day=500)  # the whole deck is open: only relations hold cards back
    for answered in range(4):
        (row,) = study.overview()
        queue = study.store.study_queue([deck])
        counts = queue.counts()
        assert (row.new, row.due) == (counts.new, counts.learning + counts.review)
        keys = []
        while (item := queue.next(study.clock.now())) is not None:
            keys.append(item.key)
        assert len(keys) == row.new + row.due
        session = study.start(["us-france"], seed=answered)
        card = session.next()
        assert card is not None
        session.answer(right_response(card.question) if answered % 2 else wrong_response(card.question), 1000)
        session.finish()
    # Without keeping related cards apart the deck would offer more new cards today.
    settings, now = study.settings(), study.clock.now()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    plain = build_queue([deck], study.store.cards(["us-france"]), study.store.today(now),
                        settings, now, end, Scheduler(settings))
    assert plain.counts().new > study.overview()[0].new


def test_the_counts_left_start_as_home_and_fall_as_the_learner_answers(study: Study) -> None:
    (row,) = study.overview()
    session = study.start(["us-france"], "study", seed=3)
    card = session.next()
    first = session.progress
    assert (first.new, first.learning + first.due, first.planned) == (row.new, row.due, None)
    session.answer(wrong_response(card.question), 3000)  # Again: the card moves to learning
    after = session.progress
    assert (after.new, after.learning, after.remaining) == (first.new - 1, 1, first.remaining)
    session.next()
    session.answer(right_response(session.current.question), 3000)
    assert session.progress.new == first.new - 2


def test_an_exam_has_no_undo_and_its_summary_counts_the_unanswered(study: Study) -> None:
    session = study.start(["us-france"], "exam", count=5, seed=3, minutes=3)
    assert session.deadline == START + timedelta(minutes=3)
    card = session.next()
    session.answer(wrong_response(card.question), 2000)
    assert session.undo() is None and session.progress.answered == 1
    assert session.progress.planned == 5
    summary = session.finish()
    assert (summary.answered, summary.planned, summary.wrong) == (1, 5, 1)


def test_match_and_order_answers_are_kept_in_words_and_judged_item_by_item(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "alliance.yaml", decks)
    study = Study.open(decks, tmp_path / "scores", FixedClock(START))
    try:
        session = study.start(["alliance"], "cram", seed=7)
        seen: set[str] = set()
        while (card := session.next()) is not None and not seen:
            q = card.question
            if q.format not in ("match", "order"):
                session.answer(right_response(q), 1000)
                continue
            outcome = session.answer(wrong_response(q), 1000)
            seen.add(q.format)
            assert len(outcome.items) == len(q.items) and not all(i.ok for i in outcome.items)
            wrong = next(i for i in outcome.items if not i.ok)
            assert wrong.given != wrong.right and wrong.right in (*q.options, *q.items)
            review = study.store.session_reviews(session.session_id)[-1]
            assert review.response and "→" not in review.response.replace(" → ", "")
            assert all(text in (*q.options, *q.items) for text in
                       review.response.replace(" → ", "; ").replace(" < ", "; ").split("; "))
        assert seen == {"match"}  # new cards: order (a recall format) comes later
        deck = study.library.deck("alliance")
        order = next(q for f in deck.facts if "order" in formats_for(deck, f)
                     for q in [make_question(deck, f.id, "order", seed=1)])
        given = list(reversed(order.solution))
        results = item_results(order, given, deck)
        assert [r.right for r in results] == [order.items[i] for i in order.solution]
        assert [r.ok for r in results] == [a == b for a, b in zip(given, order.solution)]
        assert response_text(order, given) == " < ".join(order.items[i] for i in given)
    finally:
        study.close()


def test_match_and_order_items_carry_the_explanation_of_their_own_fact(tmp_path: Path) -> None:
    import yaml

    from quiz import load_deck

    source = yaml.safe_load((ROOT / "tests" / "data" / "alliance.yaml").read_text())
    for fact in source["facts"]:
        fact["explain"] = f"Why {fact['id']}."
    path = tmp_path / "alliance.yaml"
    path.write_text(yaml.safe_dump(source, allow_unicode=True))
    deck = load_deck(path)
    by_text = {" ".join(f.prompt(b).split()): f for f in deck.facts for b in range(f.blank_count)}
    for fact in deck.facts:
        for fmt in ("order", "match"):
            if fmt not in formats_for(deck, fact):
                continue
            q = make_question(deck, fact.id, fmt, seed=3)
            assert [by_text[text].id for text in q.items] == list(q.item_facts)
            results = item_results(q, wrong_response(q), deck)
            shown = [r.item if fmt == "match" else r.right for r in results]  # the item's text
            assert [r.explain for r in results] == [f"Why {by_text[t].id}." for t in shown]


def test_a_score_file_made_by_open_is_not_checked_and_a_found_one_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A new learner's first question waited for a check of the file made an instant before.
    import sqlite3

    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(ROOT / "decks" / "us-france.yaml", decks)
    checks: list[str] = []
    connect = sqlite3.connect

    def spy(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "mode=ro" in str(database):
            checks.append(str(database))
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", spy)
    made = Study.open(decks, tmp_path / "scores", FixedClock(START))
    assert made.check() == []
    made.close()
    assert checks == []
    found = Study.open(decks, tmp_path / "scores", FixedClock(START))
    assert found.check() == []
    found.close()
    assert len(checks) == 1


def test_a_score_file_made_over_a_left_log_is_not_taken_as_new(tmp_path: Path) -> None:
    """A log left beside a score file the learner removed (quiz killed before it copied
    the log in) is replayed into the file made in its place: that file holds old answers,
    so it is checked like any file found."""
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(ROOT / "decks" / "us-france.yaml", decks)
    scores = tmp_path / "scores"
    scores.mkdir()
    (scores / "quiz.sqlite3-wal").write_bytes(b"")
    study = Study.open(decks, scores, FixedClock(START))
    try:
        assert not study.created
    finally:
        study.close()
