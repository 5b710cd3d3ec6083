"""Schema migrations on both backends: from an empty database, from version 1 (rebuilt from the
models minus what MIGRATIONS added since), refusals, repeats and replicas starting together.

Nothing here names the columns of one version: version 1 is the tables below as declared now,
minus every column and index a migration adds, so a new version needs no change here."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import defaultdict
from dataclasses import replace as dataclass_replace

import pytest
from sqlalchemy import (
    JSON,
    Column,
    Engine,
    ForeignKey,
    MetaData,
    Table,
    UniqueConstraint,
    create_engine,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from storage_backends import empty_database

from counterpart.storage import database
from counterpart.storage.database import (
    SchemaTooNew,
    migrate,
    open_engine,
)
from counterpart.storage.store import Store
from counterpart.storage.tables import MIGRATIONS, SCHEMA_VERSION, Base, SchemaVersion

# The tables of version 1, the first release. History: this never changes.
VERSION_1_TABLES = ("schema_version", "users", "practice_sessions", "turns", "grades")
ADDED_COLUMN = re.compile(r"ALTER\s+TABLE\s+(\w+)\s+ADD\s+(?:COLUMN\s+)?(\w+)", re.IGNORECASE)
CREATED_INDEX = re.compile(
    r"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE
)


def added_by_migrations(up_to: int = SCHEMA_VERSION) -> tuple[dict[str, set[str]], set[str]]:
    """Columns (by table) and index names that the migrations up to a version add."""
    columns: dict[str, set[str]] = defaultdict(set)
    indexes: set[str] = set()
    for version, statements in MIGRATIONS.items():
        if version > up_to:
            continue
        for statement in statements:
            if match := ADDED_COLUMN.match(statement.strip()):
                columns[match[1]].add(match[2])
            elif match := CREATED_INDEX.match(statement.strip()):
                indexes.add(match[1])
    return columns, indexes


def version_1_metadata() -> MetaData:
    columns_added, indexes_added = added_by_migrations()
    metadata = MetaData()
    for name in VERSION_1_TABLES:
        table = Base.metadata.tables[name]
        kept = [c for c in table.columns if c.name not in columns_added[name]]
        kept_names = {c.name for c in kept}
        Table(
            name,
            metadata,
            *[
                Column(
                    c.name,
                    c.type,
                    *[ForeignKey(fk.target_fullname) for fk in c.foreign_keys],
                    primary_key=c.primary_key,
                    nullable=c.nullable,
                    # Column indexes get the default name, ix_TABLE_COLUMN.
                    index=bool(c.index) and f"ix_{name}_{c.name}" not in indexes_added,
                    server_default=c.server_default.arg if c.server_default else None,
                )
                for c in kept
            ],
            *[
                UniqueConstraint(*[c.name for c in constraint.columns])
                for constraint in table.constraints
                if isinstance(constraint, UniqueConstraint)
                and {c.name for c in constraint.columns} <= kept_names
            ],
        )
    return metadata


def sample_value(column: Column, inserted: dict[str, int]):
    """A value of the column's type; a foreign key points at the row made in its table."""
    for fk in column.foreign_keys:
        return inserted[fk.column.table.name]
    if isinstance(column.type, JSON):
        return {"kept": [1, "two", {"nested": None}]}
    kind = column.type.python_type
    if kind is str:
        length = getattr(column.type, "length", None) or 40
        return f"{column.table.name}.{column.name} ünïcode 🙂"[:length]
    return {
        int: 7,
        float: 2.5,
        bool: True,
        dt.datetime: dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    }[kind]


def build_version_1(url: str, *, versioned: bool = True) -> tuple[MetaData, dict[str, dict]]:
    """A version-1 database holding one row in each table; returns the tables and the rows as
    read back before any migration."""
    metadata = version_1_metadata()
    if not versioned:  # a database from before schema versions existed
        metadata.remove(metadata.tables["schema_version"])
    engine = create_engine(database.database_url(url))
    rows: dict[str, dict] = {}
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
            inserted: dict[str, int] = {}
            for table in metadata.sorted_tables:
                if table.name == "schema_version":
                    conn.execute(insert(table).values(version=1))
                    continue
                values = {
                    c.name: sample_value(c, inserted) for c in table.columns if not c.primary_key
                }
                result = conn.execute(insert(table).values(values))
                inserted[table.name] = result.inserted_primary_key[0]
        rows = read_rows(engine, metadata)
    finally:
        engine.dispose()
    return metadata, rows


def read_rows(engine: Engine, metadata: MetaData) -> dict[str, dict]:
    with engine.connect() as conn:
        return {
            table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in metadata.sorted_tables
            if table.name != "schema_version"
        }


def schema_of(engine: Engine) -> dict[str, dict]:
    """Tables with their columns (name, type, nullable), primary keys, unique sets and indexes,
    as the database itself reports them."""
    inspector = inspect(engine)
    shape = {}
    for table in inspector.get_table_names():
        shape[table] = {
            "columns": {
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            },
            "primary_key": tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
            "unique": {
                tuple(sorted(u["column_names"])) for u in inspector.get_unique_constraints(table)
            },
            "indexes": {
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
                if not i.get("duplicates_constraint")
            },
        }
    return shape


def versions_in(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(select(SchemaVersion.version)))


def plain_engine(url: str) -> Engine:
    return create_engine(database.database_url(url))


def test_an_empty_database_gets_every_table_and_column_of_the_models(database_url):
    engine = open_engine(database_url)
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert columns == {c.name for c in table.columns}, name
    assert versions_in(engine) == [SCHEMA_VERSION]
    engine.dispose()


def test_the_test_schema_on_postgresql_holds_the_tables(tmp_path):
    # Guards the isolation the other tests rely on: the tables go to the schema named by the
    # search_path of the URL, and nothing of them to the server's public schema.
    with empty_database("postgresql", tmp_path) as url:
        engine = open_engine(url)
        schema = make_url(url).query["options"].split("=", 1)[1]
        with engine.connect() as conn:
            found = set(
                conn.scalars(
                    text(
                        "SELECT table_schema FROM information_schema.tables "
                        "WHERE table_name = 'practice_sessions'"
                    )
                )
            )
        assert schema in found and "public" not in found
        engine.dispose()


def test_a_version_1_database_is_migrated_one_version_at_a_time_keeping_its_data(
    database_url, monkeypatch, tmp_path
):
    metadata, before = build_version_1(database_url)
    engine = plain_engine(database_url)
    for version in range(2, SCHEMA_VERSION + 1):
        monkeypatch.setattr(database, "SCHEMA_VERSION", version)
        migrate(engine)
        assert versions_in(engine) == [version]
        columns_now, _ = added_by_migrations(up_to=version)
        columns_all, _ = added_by_migrations()
        inspector = inspect(engine)
        for table in VERSION_1_TABLES:
            present = {c["name"] for c in inspector.get_columns(table)}
            assert columns_now[table] <= present, (version, table)
            assert not (columns_all[table] - columns_now[table]) & present, (version, table)
    assert read_rows(engine, metadata) == before

    # The migrated database is the database a fresh start would have made.
    backend = make_url(database_url).get_backend_name()
    with empty_database(backend, tmp_path / "fresh") as fresh_url:
        fresh = open_engine(fresh_url)
        assert schema_of(engine) == schema_of(fresh)
        fresh.dispose()
    engine.dispose()

    # And the application works on it, old rows and new.
    store = Store(database_url)
    user_id = before["users"][0]["id"]
    session_id = before["practice_sessions"][0]["id"]
    assert store.user(user_id).username == before["users"][0]["username"]
    session = store.session(session_id)
    assert [t.text for t in session.turns] == [before["turns"][0]["text"]]
    old_grade = before["grades"][0]
    assert session.turns[0].grades[old_grade["dimension"]].score == old_grade["score"]
    store.add_turn(session_id, "trainee", "written after the migration")
    old_seq = before["turns"][0]["seq"]
    assert [t.seq for t in store.session(session_id).turns] == [old_seq, old_seq + 1]
    store.engine.dispose()


def test_a_database_from_before_schema_versions_counts_as_version_1(database_url):
    metadata, before = build_version_1(database_url, versioned=False)
    engine = open_engine(database_url)
    assert versions_in(engine) == [SCHEMA_VERSION]
    columns_added, _ = added_by_migrations()
    inspector = inspect(engine)
    for table in VERSION_1_TABLES[1:]:
        assert columns_added[table] <= {c["name"] for c in inspector.get_columns(table)}
    assert read_rows(engine, metadata) == before
    engine.dispose()


def test_a_database_newer_than_the_code_is_refused_and_left_alone(database_url):
    engine = open_engine(database_url)
    leaf = Base.metadata.sorted_tables[-1].name  # no other table refers to it
    with engine.begin() as conn:
        conn.execute(SchemaVersion.__table__.update().values(version=SCHEMA_VERSION + 1))
        conn.execute(text(f"DROP TABLE {leaf}"))  # as a newer version might have
    with pytest.raises(SchemaTooNew) as refused:
        migrate(engine)
    message = str(refused.value)
    assert f"version {SCHEMA_VERSION + 1}" in message
    assert f"({SCHEMA_VERSION})" in message and "upgrade Counterpart" in message
    assert versions_in(engine) == [SCHEMA_VERSION + 1]
    assert leaf not in inspect(engine).get_table_names()
    with pytest.raises(SchemaTooNew):
        Store(database_url)
    engine.dispose()


def test_migrating_twice_changes_nothing(database_url):
    store = Store(database_url)
    user = store.add_user("ana", "Ana", "trainee", "hash")
    shape = schema_of(store.engine)
    migrate(store.engine)
    Store(database_url).engine.dispose()
    assert schema_of(store.engine) == shape
    assert versions_in(store.engine) == [SCHEMA_VERSION]
    assert store.users() == [user]
    store.engine.dispose()


def test_a_failing_migration_leaves_the_database_as_it_was(database_url, monkeypatch):
    metadata, before = build_version_1(database_url)
    engine = plain_engine(database_url)
    shape = schema_of(engine)
    broken = [*MIGRATIONS[SCHEMA_VERSION], "ALTER TABLE no_such_table ADD COLUMN x INTEGER"]
    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, broken)
    with pytest.raises(Exception, match="no_such_table"):
        migrate(engine)
    assert versions_in(engine) == [1]
    assert schema_of(engine) == shape
    assert read_rows(engine, metadata) == before
    engine.dispose()


@pytest.mark.parametrize("start", ["empty", "version 1"])
def test_replicas_starting_together_migrate_once_and_all_start(database_url, start):
    if start == "version 1":
        build_version_1(database_url)
    replicas = 3
    barrier = threading.Barrier(replicas)
    engines: list[Engine] = []
    errors: list[BaseException] = []

    def start_replica():
        try:
            barrier.wait(timeout=30)
            engines.append(open_engine(database_url))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start_replica) for _ in range(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(engines) == replicas
    with engines[0].connect() as conn:
        assert conn.scalar(select(func.count()).select_from(SchemaVersion)) == 1
    assert versions_in(engines[0]) == [SCHEMA_VERSION]
    assert set(inspect(engines[0]).get_table_names()) == set(Base.metadata.tables)
    for engine in engines:
        engine.dispose()


def test_passes_given_under_the_old_lesson_rule_are_scored_again_on_upgrade(database_url):
    """Version 6: before it, a chat the trainee left could be recorded as passing its lesson;
    the upgrade drops every passed row and the app, starting, scores those sessions again."""
    from counterpart.accounts import create_user
    from counterpart.services import build_services
    from counterpart.session_loop import SessionLoop
    from curricula.library import load_library

    store = Store(database_url)
    loop = SessionLoop(store, load_library())
    tess = create_user(store, "tess", "password1", "trainee")
    left = loop.start(tess, "after-sales-basics", "late-refund")
    loop.submit(tess, left.id, "Sorry! What is your order number?")
    "".join(loop.customer_reply(tess, left.id))
    loop.end(tess, left.id)  # one reply, then End session: not a pass
    abandoned = loop.start(tess, "after-sales-basics", "late-refund")
    loop.end(tess, abandoned.id)
    rows = {s.session_id: s for s in store.session_scores_of(tess.id)}
    assert [rows[left.id].passed, rows[abandoned.id].passed] == [False, False]
    # As the rule before version 6 recorded the first one; the second stays as it is.
    store.save_session_score(dataclass_replace(rows[left.id], passed=True))
    with store.engine.begin() as conn:
        conn.execute(SchemaVersion.__table__.update().values(version=5))
    store.engine.dispose()

    core = build_services(database_url)
    assert versions_in(core.store.engine) == [6]
    again = {s.session_id: s.passed for s in core.store.session_scores_of(tess.id)}
    assert again == {left.id: False, abandoned.id: False}
    assert core.store.unscored_sessions() == []
    core.store.engine.dispose()
