"""Open the database: SQLite tuned for a small team by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from counterpart.storage.tables import MIGRATIONS, SCHEMA_VERSION, Base, SchemaVersion


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets the dashboards read while a trainee's turn is written; the busy timeout makes
    # two writers wait for each other instead of failing; SQLite leaves foreign keys off unless
    # asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _tune_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    """Bring an empty or older database to SCHEMA_VERSION, one version at a time."""
    fresh = not inspect(engine).has_table(SchemaVersion.__tablename__)
    Base.metadata.create_all(engine)
    with Session(engine) as db, db.begin():
        current = db.scalar(select(SchemaVersion.version))
        if current is None:
            # Tables made just now are current; tables from before versioning are version 1.
            current = SCHEMA_VERSION if fresh else 1
            db.add(SchemaVersion(version=current))
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"database schema is version {current}, newer than this code "
                f"({SCHEMA_VERSION}); upgrade Counterpart"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                db.execute(text(statement))
            db.execute(update(SchemaVersion).values(version=version))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
