import datetime as dt
import threading

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from counterpart.storage.database import database_url as url_to_open
from counterpart.storage.records import GradeRecord
from counterpart.storage.store import Store, UnknownRecord
from counterpart.storage.tables import SCHEMA_VERSION, Base


@pytest.fixture
def store(database_url):
    return Store(database_url)


def new_session(store, user_id):
    return store.create_session(
        user_id=user_id,
        curriculum_id="c",
        lesson_id="l",
        persona_id="p",
        policy_ref="pol@1",
        engine="scripted",
        seed=7,
        customer_state={"satisfaction": 40, "patience": 3},
    )


def test_sqlite_is_opened_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'sub' / 'counterpart.db'}")
    assert (tmp_path / "sub" / "counterpart.db").exists()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_foreign_keys_are_enforced(store):
    with pytest.raises(IntegrityError):
        store.add_turn(999, "trainee", "orphan")


def test_turns_and_grades_round_trip_in_order(store):
    user = store.add_user("ana", "Ana", "trainee", "hash")
    session_id = new_session(store, user.id)
    store.add_turn(session_id, "customer", "Where is my refund?")
    reply = store.add_turn(
        session_id, "trainee", "Sorry — could you share the order number?", reply_seconds=12.5
    )
    store.save_grades(
        reply.id,
        [
            GradeRecord("empathy", 80, [{"kind": "apology"}], "offline-2", "pol@1"),
            GradeRecord("speed", None, [], "offline-2", "pol@1"),
        ],
        satisfaction=52,
        suggestion="Say sorry first.",
        judge_note=None,
    )
    session = store.session(session_id)
    assert [t.seq for t in session.turns] == [1, 2]
    assert session.turns[1].reply_seconds == 12.5
    assert session.turns[1].satisfaction == 52
    assert session.turns[1].grades["empathy"].score == 80
    assert session.turns[1].grades["speed"].score is None
    assert session.turns[1].grades["empathy"].grader_version == "offline-2"
    assert session.turns[1].grades["empathy"].policy_ref == "pol@1"
    assert session.turns[1].suggestion == "Say sorry first."
    assert session.awaiting_customer
    assert session.turns[0].created_at.tzinfo is not None


@pytest.mark.parametrize(
    "reply",
    [
        "x" * 20_000,
        "شكراً لك، أين طلبي؟ 🙏",
        "control\x01chars\x07 and\ttabs\r\n and emoji 🎉👍🏽",
    ],
)
def test_unusual_text_is_stored_intact(store, reply):
    user = store.add_user("bo", "Bo", "trainee", "hash")
    session_id = new_session(store, user.id)
    store.add_turn(session_id, "trainee", reply)
    assert store.session(session_id).turns[0].text == reply


def test_a_nul_character_does_not_cost_the_reply(store):
    user = store.add_user("bo", "Bo", "trainee", "hash")
    session_id = new_session(store, user.id)
    store.add_turn(session_id, "trainee", "nul\x00byte")
    assert store.session(session_id).turns[0].text == "nul\ufffdbyte"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("lone \ud800 high", "lone \ufffd high"),
        ("\udfff", "\ufffd"),
        ("a pair split in two \ud83d\ude4f", "a pair split in two 🙏"),
        ("reversed \ude4f\ud83d pair", "reversed \ufffd\ufffd pair"),
    ],
)
def test_text_with_surrogates_is_kept_with_the_bad_code_points_replaced(store, sent, kept):
    # UTF-8 (and so both databases) cannot hold a lone surrogate; the reply must still be saved.
    user = store.add_user("bo", "Bo", "trainee", "hash")
    session_id = new_session(store, user.id)
    turn = store.add_turn(session_id, "trainee", sent)
    store.save_grades(turn.id, [], suggestion=f"Say: {sent}", judge_note=sent)
    saved = store.session(session_id).turns[0]
    assert (saved.text, saved.suggestion, saved.judge_note) == (kept, f"Say: {kept}", kept)


def test_a_moment_in_another_time_zone_is_kept_as_the_same_instant(store):
    user = store.add_user("bo", "Bo", "trainee", "hash")
    session_id = new_session(store, user.id)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    at = dt.datetime(2026, 11, 2, 17, 30, tzinfo=shanghai)
    store.add_turn(session_id, "trainee", "hi", at=at)
    kept = store.session(session_id).turns[0].created_at
    assert kept == at and kept.utcoffset() == dt.timedelta(0)


def test_a_reopened_database_still_has_the_unfinished_session(database_url):
    first = Store(database_url)
    user = first.add_user("cy", "Cy", "trainee", "hash")
    session_id = new_session(first, user.id)
    first.add_turn(session_id, "trainee", "kept")
    first.engine.dispose()
    again = Store(database_url)
    assert again.active_session_id(user.id) == session_id
    assert again.session(session_id).turns[-1].text == "kept"


def test_ending_a_session_records_the_reason(store):
    user = store.add_user("di", "Di", "trainee", "hash")
    session_id = new_session(store, user.id)
    store.update_session(session_id, end_reason="resolved")
    session = store.session(session_id)
    assert (session.status, session.end_reason) == ("ended", "resolved")
    assert session.ended_at is not None
    assert store.active_session_id(user.id) is None


def test_unknown_session_raises(store):
    with pytest.raises(UnknownRecord):
        store.session(12345)


def test_two_threads_writing_turns_do_not_collide(store):
    user = store.add_user("ed", "Ed", "trainee", "hash")
    sessions = [new_session(store, user.id) for _ in range(2)]
    errors = []

    def write(session_id):
        try:
            for i in range(20):
                store.add_turn(session_id, "trainee", f"reply {i}")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [len(store.session(s).turns) for s in sessions] == [20, 20]


def test_a_version_1_database_is_migrated_in_place(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        old.executescript(
            """
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY);
            INSERT INTO schema_version VALUES (1);
            CREATE TABLE users (id INTEGER PRIMARY KEY, username VARCHAR(80) UNIQUE,
                display_name VARCHAR(200), role VARCHAR(20), password_hash VARCHAR(200),
                created_at DATETIME);
            CREATE TABLE practice_sessions (id INTEGER PRIMARY KEY, user_id INTEGER,
                curriculum_id VARCHAR(100), lesson_id VARCHAR(100), persona_id VARCHAR(100),
                policy_ref VARCHAR(100), engine VARCHAR(20), seed INTEGER, status VARCHAR(20),
                end_reason VARCHAR(20), customer_state JSON, started_at DATETIME,
                ended_at DATETIME);
            CREATE TABLE turns (id INTEGER PRIMARY KEY, session_id INTEGER, seq INTEGER,
                role VARCHAR(20), text TEXT, created_at DATETIME, reply_seconds FLOAT,
                satisfaction INTEGER, engine VARCHAR(20), prompt_tokens INTEGER,
                completion_tokens INTEGER);
            CREATE TABLE grades (id INTEGER PRIMARY KEY, turn_id INTEGER, dimension VARCHAR(20),
                score INTEGER, reasons JSON, grader_version VARCHAR(20));
            INSERT INTO users VALUES (1, 'old', 'Old', 'trainee', 'x', '2026-01-01 00:00:00');
            """
        )
    store = Store(f"sqlite:///{path}")
    # This is version 1 as it shipped, so unlike the version 1 that test_migrations derives from
    # MIGRATIONS it also catches a model column added without its migration.
    inspector = inspect(store.engine)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert {c.name for c in table.columns} <= columns, name
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(turns)"))}
        session_columns = {
            row[1] for row in conn.execute(text("PRAGMA table_info(practice_sessions)"))
        }
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert {"suggestion", "judge_note"} <= columns
    assert "exam_attempt_id" in session_columns
    assert {"exam_attempts", "certificates"} <= tables
    assert store.user(1).username == "old"


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://ana:secret@db.example/counterpart",
        "postgres://ana:secret@db.example/counterpart",
    ],
)
def test_a_plain_postgresql_url_is_opened_with_psycopg_3(given):
    url = url_to_open(given)
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.database) == (
        "ana",
        "secret",
        "db.example",
        "counterpart",
    )
    # Making an engine imports the driver but connects to nothing.
    assert create_engine(url).dialect.driver == "psycopg"


@pytest.mark.parametrize(
    "given", ["sqlite:///data/counterpart.db", "postgresql+psycopg2://ana@localhost/counterpart"]
)
def test_a_url_that_names_its_driver_is_left_alone(given):
    assert url_to_open(given).render_as_string(hide_password=False) == given


def test_the_test_postgresql_opens_from_a_plain_postgresql_url(postgresql_url):
    plain = make_url(postgresql_url).set(drivername="postgresql")
    store = Store(plain.render_as_string(hide_password=False))
    assert store.engine.dialect.driver == "psycopg"
    assert store.add_user("fay", "Fay", "trainee", "hash").username == "fay"
    store.engine.dispose()


def test_a_datetime_without_a_zone_is_kept_as_utc_whatever_the_server_zone(database_url):
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        # As if the server's administrator had set another time zone.
        url = url.update_query_dict({"options": f"{url.query['options']} -ctimezone=Asia/Shanghai"})
    store = Store(url.render_as_string(hide_password=False))
    user = store.add_user("gu", "Gu", "trainee", "hash")
    session_id = new_session(store, user.id)
    store.add_turn(session_id, "trainee", "at noon", at=dt.datetime(2026, 3, 1, 12, 0))
    created = store.session(session_id).turns[0].created_at
    assert created == dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert created.utcoffset() == dt.timedelta(0)
    store.engine.dispose()


def test_a_postgresql_connection_the_server_closed_is_replaced_unnoticed(postgresql_url):
    store = Store(postgresql_url)
    user = store.add_user("hu", "Hu", "trainee", "hash")
    # The pool now holds an idle connection; the server (a restart, a proxy's idle timeout)
    # ends it.
    name = make_url(postgresql_url).query["application_name"]
    killer = create_engine(url_to_open(postgresql_url).set(query={}), poolclass=NullPool)
    with killer.connect() as conn:
        ended = conn.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )
    killer.dispose()
    assert ended >= 1
    assert store.users() == [user]
    store.engine.dispose()
