-- A quiz score file at schema v1, as `sqlite3 .dump` writes it (made with quiz 0.1.0).
-- Kept frozen: tests open it to prove v1 files still open after later migrations.
BEGIN TRANSACTION;
CREATE TABLE bests (
        deck_key    TEXT    NOT NULL,
        mode        TEXT    NOT NULL,
        metric      TEXT    NOT NULL,
        value       REAL    NOT NULL,
        session_id  INTEGER,
        achieved_at INTEGER NOT NULL,
        PRIMARY KEY (deck_key, mode, metric)
    ) WITHOUT ROWID;
CREATE TABLE cards (
        deck_id      TEXT    NOT NULL,
        fact_id      TEXT    NOT NULL,
        blank        INTEGER NOT NULL,
        state        INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
        step         INTEGER,
        stability    REAL,
        difficulty   REAL,
        due          INTEGER,
        last_review  INTEGER,
        reps         INTEGER NOT NULL DEFAULT 0,
        lapses       INTEGER NOT NULL DEFAULT 0,
        suspended    INTEGER NOT NULL DEFAULT 0 CHECK (suspended BETWEEN 0 AND 2),
        buried_until INTEGER,
        PRIMARY KEY (deck_id, fact_id, blank)
    ) WITHOUT ROWID;
INSERT INTO "cards" VALUES('us-france','amity-treaty',0,2,NULL,2.3065,2.11121423578539513243e+00,1772648400000,1772389200000,2,0,0,NULL);
INSERT INTO "cards" VALUES('us-france','consulates',0,1,0,0.212,6.4133,1772389860000,1772389800000,1,0,0,NULL);
INSERT INTO "cards" VALUES('us-france','le-drian',0,1,0,1.2931,5.11217070560105568688e+00,1772388930000,1772388600000,1,0,1,NULL);
CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        reviewed_at INTEGER NOT NULL,
        session_id  INTEGER REFERENCES sessions (id),
        mode        TEXT    NOT NULL CHECK (mode IN ('study', 'cram', 'exam')),
        deck_id     TEXT    NOT NULL,
        fact_id     TEXT    NOT NULL,
        blank       INTEGER NOT NULL,
        format      TEXT    NOT NULL,
        prompt      TEXT    NOT NULL,
        options     TEXT,
        response    TEXT,
        chosen      TEXT,
        verdict     TEXT    NOT NULL CHECK (verdict IN ('correct', 'close', 'wrong')),
        suggested   INTEGER NOT NULL CHECK (suggested BETWEEN 1 AND 4),
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        duration_ms INTEGER NOT NULL,
        retention   REAL    NOT NULL,
        state_from  INTEGER NOT NULL,
        state_to    INTEGER NOT NULL,
        before      TEXT    NOT NULL,
        after       TEXT    NOT NULL,
        undone      INTEGER NOT NULL DEFAULT 0
    );
INSERT INTO "reviews" VALUES(1,1772388000000,1,'study','us-france','amity-treaty',0,'choice','Prompt amity-treaty','["a", "b", "c", "d"]',NULL,'1','correct',3,3,2000,0.85,0,1,'{"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0}','{"state": 1, "step": 1, "stability": 2.3065, "difficulty": 2.118103970459016, "due": 1772388600000, "last_review": 1772388000000, "reps": 1, "lapses": 0}',0);
INSERT INTO "reviews" VALUES(2,1772388600000,1,'study','us-france','le-drian',0,'choice','Prompt le-drian','["a", "b", "c", "d"]',NULL,'1','close',2,2,2001,0.85,0,1,'{"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0}','{"state": 1, "step": 0, "stability": 1.2931, "difficulty": 5.112170705601056, "due": 1772388930000, "last_review": 1772388600000, "reps": 1, "lapses": 0}',0);
INSERT INTO "reviews" VALUES(3,1772389200000,1,'study','us-france','amity-treaty',0,'choice','Prompt amity-treaty','["a", "b", "c", "d"]',NULL,'1','correct',3,3,2002,0.85,1,2,'{"state": 1, "step": 1, "stability": 2.3065, "difficulty": 2.118103970459016, "due": 1772388600000, "last_review": 1772388000000, "reps": 1, "lapses": 0}','{"state": 2, "step": null, "stability": 2.3065, "difficulty": 2.111214235785395, "due": 1772648400000, "last_review": 1772389200000, "reps": 2, "lapses": 0}',0);
INSERT INTO "reviews" VALUES(4,1772389800000,1,'study','us-france','consulates',0,'choice','Prompt consulates','["a", "b", "c", "d"]',NULL,'1','wrong',1,1,2003,0.85,0,1,'{"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0}','{"state": 1, "step": 0, "stability": 0.212, "difficulty": 6.4133, "due": 1772389860000, "last_review": 1772389800000, "reps": 1, "lapses": 0}',0);
CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        mode          TEXT    NOT NULL CHECK (mode IN ('study', 'cram', 'exam')),
        decks         TEXT    NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        planned       INTEGER,
        time_limit_ms INTEGER,
        answered      INTEGER NOT NULL DEFAULT 0,
        correct       INTEGER NOT NULL DEFAULT 0,
        close         INTEGER NOT NULL DEFAULT 0,
        wrong         INTEGER NOT NULL DEFAULT 0,
        streak        INTEGER NOT NULL DEFAULT 0,
        best_streak   INTEGER NOT NULL DEFAULT 0,
        score         REAL
    );
INSERT INTO "sessions" VALUES(1,'study','["us-france"]',1772388000000,1772390400000,NULL,NULL,4,2,1,1,0,1,62.5);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO "settings" VALUES('desired_retention','0.85');
CREATE INDEX cards_due ON cards (due);
CREATE INDEX cards_deck_due ON cards (deck_id, due);
CREATE INDEX sessions_started ON sessions (started_at);
CREATE INDEX reviews_card ON reviews (deck_id, fact_id, blank, reviewed_at);
CREATE INDEX reviews_deck_time ON reviews (deck_id, reviewed_at);
CREATE INDEX reviews_time ON reviews (reviewed_at);
CREATE INDEX reviews_session ON reviews (session_id);
CREATE INDEX reviews_deck_retention ON reviews (deck_id, reviewed_at, rating) WHERE mode = 'study' AND undone = 0 AND state_from = 2;
CREATE INDEX reviews_quick ON reviews (format, id, duration_ms) WHERE verdict = 'correct' AND undone = 0;
COMMIT;
PRAGMA application_id = 1903520122;
PRAGMA user_version = 1;
