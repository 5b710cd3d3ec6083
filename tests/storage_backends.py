"""The databases that storage tests run on: a SQLite file, and an empty schema of its own on the
test PostgreSQL server named by COUNTERPART_TEST_POSTGRES_URL (`.ci/run postgres` starts one
and prints the line to export)."""

from __future__ import annotations

import functools
import ipaddress
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import Pool

from counterpart.storage.database import database_url

BACKENDS = ("sqlite", "postgresql")
POSTGRES_URL_VARIABLE = "COUNTERPART_TEST_POSTGRES_URL"
_ADMIN_NAME = "counterpart-test-admin"


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'counterpart.db'}"


def postgres_server_url() -> URL:
    """The test server, from the environment. Without it the test is skipped on a developer's
    machine but fails in CI (CI set), where a skip would hide that PostgreSQL went untested."""
    value = os.environ.get(POSTGRES_URL_VARIABLE)
    if not value:
        message = (
            f"{POSTGRES_URL_VARIABLE} is not set; `.ci/run postgres` starts a local "
            "PostgreSQL and prints the line to export"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = database_url(value)
    _require_this_machine(url)
    return url


def _require_this_machine(url: URL) -> None:
    # libpq opens its own sockets, out of reach of the tests' network guard.
    host = url.host
    if not host or host == "localhost" or host.startswith("/"):
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    pytest.fail(f"{POSTGRES_URL_VARIABLE} must name a server on this machine, not {host}")


@functools.cache
def _admin(url: URL) -> Engine:
    return create_engine(
        url.update_query_dict({"application_name": _ADMIN_NAME}),
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,
    )


@contextmanager
def postgres_schema(server: URL) -> Iterator[str]:
    """A URL whose connections see one new, empty schema and nothing else (search_path). The
    schema is dropped afterwards, and the connections left open to it are closed."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        pytest.fail(f"cannot reach the test PostgreSQL ({server}): {exc.orig}")
    # The application name marks this test's connections, so that they can be found below.
    url = server.update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": schema}
    )
    opened = []

    def remember(dbapi_connection, _record) -> None:
        # Every pool's connections pass here, SQLite's too; only psycopg's have this.
        status = getattr(getattr(dbapi_connection, "info", None), "parameter_status", None)
        if status is not None and status("application_name") == schema:
            opened.append(dbapi_connection)

    # Tests rarely dispose of their engines; closing their connections here spares the
    # warnings psycopg gives when the garbage collector meets an open connection later.
    event.listen(Pool, "connect", remember)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        event.remove(Pool, "connect", remember)
        for dbapi_connection in opened:
            dbapi_connection.close()
        with admin.connect() as conn:
            # Connections made without SQLAlchemy, say by an app in a subprocess.
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": schema},
            )
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database on the backend ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield sqlite_url(directory)
    elif backend == "postgresql":
        with postgres_schema(postgres_server_url()) as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
