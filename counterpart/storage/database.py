"""Open the database: a SQLite file tuned for a small team by default, PostgreSQL for several
app replicas, and bring its schema to this code's version."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy import update as update_rows
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from counterpart.storage.tables import MIGRATIONS, SCHEMA_VERSION, Base, SchemaVersion

# Any constant works, as long as every replica uses the same one (pg_advisory_xact_lock's key).
MIGRATION_LOCK_KEY = 0x436F756E74657270  # "Counterp"
_WAL_ATTEMPTS = 100  # 50 ms apart: the five seconds of the busy timeout


class SchemaTooNew(RuntimeError):
    """Raised when opening a database that a newer Counterpart has already migrated."""


def database_url(url: str | URL) -> URL:
    """The URL to open: a plain `postgresql://` (or Heroku-style `postgres://`) URL gets
    psycopg 3, the driver Counterpart installs; SQLAlchemy alone would pick psycopg2."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _tune_sqlite(dbapi_connection, _record) -> None:
    # The busy timeout makes two writers wait for each other instead of failing; WAL lets the
    # dashboards read while a trainee's turn is written; SQLite leaves foreign keys off unless
    # asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _use_wal(cursor) -> None:
    # Switching a new file to WAL takes a lock that SQLite does not wait for (no busy timeout),
    # so processes opening a new file together fail there now and then; the mode sticks to the
    # file, so once one of them has switched it the others have nothing left to do.
    for _ in range(_WAL_ATTEMPTS - 1):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")


def _tune_postgresql(dbapi_connection, _record) -> None:
    # Counterpart treats a datetime without a zone as UTC (SQLite keeps none); the session time
    # zone makes PostgreSQL agree whatever the server's own zone, and makes it hand back UTC.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.autocommit = autocommit


def open_engine(url: str | URL) -> Engine:
    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _tune_sqlite)
    elif backend == "postgresql":
        # Names the replica's connections in pg_stat_activity unless the URL already does.
        names = {} if "application_name" in parsed.query else {"application_name": "counterpart"}
        # Pre-ping: a load balancer or a database restart drops idle connections.
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=names)
        event.listen(engine, "connect", _tune_postgresql)
    else:
        engine = create_engine(parsed, pool_pre_ping=True)
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    """Bring an empty or older database to SCHEMA_VERSION, one version at a time, in one
    transaction: a failed migration leaves the database as it was.

    Several processes may start at once on one database (replicas behind a load balancer): the
    first takes a lock and migrates, the others wait for it and then find nothing to do.
    Raises SchemaTooNew when a newer Counterpart has migrated the database already."""
    with engine.begin() as conn:
        _lock_for_migration(conn)
        tables = set(inspect(conn).get_table_names())
        current = None
        if SchemaVersion.__tablename__ in tables:
            current = conn.scalar(select(SchemaVersion.version))
        if current is not None and current > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"database schema is version {current}, newer than this code "
                f"({SCHEMA_VERSION}); upgrade Counterpart"
            )
        Base.metadata.create_all(conn)
        if current is None:
            # Tables made just now are current; tables from before versioning are version 1.
            current = 1 if tables & set(Base.metadata.tables) else SCHEMA_VERSION
            conn.execute(insert(SchemaVersion).values(version=current))
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(text(statement))
            conn.execute(update_rows(SchemaVersion).values(version=version))


def _lock_for_migration(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        # Held until the transaction ends, so a replica that crashes mid-migration frees it.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        # pysqlite would run the DDL outside any transaction; taking the write lock first
        # makes the migration atomic and makes a second process wait (busy timeout) for it.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
