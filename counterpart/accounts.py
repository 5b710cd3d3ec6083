"""Accounts: who may sign in, with which role. Passwords are kept only as argon2 hashes. Only an
admin (or the operator at the command line) creates accounts and changes roles."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counterpart.storage import directory
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible, live_account

# A manager sees the teams they manage; QA leads and admins see every team; an admin also
# manages accounts and roles.
ROLES = ("trainee", "trainer", "manager", "qa", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
MIN_PASSWORD = 8
# Long enough for any passphrase; longer only makes hashing a way to waste the server's time.
MAX_PASSWORD = 1024
MAX_DISPLAY_NAME = 200
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# No 0/o, 1/l/i: temporary passwords are read aloud and copied from paper.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

_hasher = PasswordHasher()


class AccountError(ValueError):
    """Raised when an account or team change is not acceptable: a bad or taken username or team
    name, an unknown role, a short password, the last admin's role, a manager who is not one."""


class NotAdmin(PermissionError):
    """Raised when anyone but an admin (or the command line) asks to change accounts or teams."""


class CommandLine:
    """The operator at the `counterpart` command: whoever can open the database may change it,
    so the command line acts as an admin without signing in."""


COMMAND_LINE = CommandLine()
Actor = User | CommandLine


def require_admin(store: Store, actor: Actor | None) -> None:
    """Raise NotAdmin unless the actor is an admin now (read again from the database, so that
    an admin whose role was taken away loses the rights at once) or the command line."""
    if actor is COMMAND_LINE:
        return
    if isinstance(actor, User):
        try:
            if live_account(store, actor).role == "admin":
                return
        except NotVisible:
            pass
    raise NotAdmin("only an admin may change accounts, roles and teams")


def normal_username(username: str) -> str:
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    if not username:
        return "empty"
    if not USERNAME.match(username):
        return (
            f"{username!r} is not a username: use 2-80 lowercase letters, digits, '.', '_' or '-'"
        )
    return None


def role_problem(role: str) -> str | None:
    if role in ROLES:
        return None
    return f"{role!r} is not a role: expected one of {', '.join(ROLES)}"


def password_problem(password: str) -> str | None:
    # Never quotes the password: problems are printed and logged.
    if len(password) < MIN_PASSWORD:
        return f"shorter than {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"longer than {MAX_PASSWORD} characters"
    return None


def display_name_problem(display_name: str) -> str | None:
    if len(display_name) > MAX_DISPLAY_NAME:
        return f"longer than {MAX_DISPLAY_NAME} characters"
    if CONTROL.search(display_name):
        return "contains a line break or another control character"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def temporary_password() -> str:
    """About 79 bits of randomness, in groups of four: strong, and easy to hand over."""
    letters = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(16))
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def _checked(username: str, password: str, role: str, display_name: str) -> None:
    for column, problem in (
        ("username", username_problem(username)),
        ("role", role_problem(role)),
        ("password", password_problem(password)),
        ("display name", display_name_problem(display_name)),
    ):
        if problem:
            raise AccountError(f"{column}: {problem}")


def create_user(
    store: Store, username: str, password: str, role: str, display_name: str | None = None
) -> User:
    """An account made by the operator or the demo seed; the app goes through add_account."""
    username = normal_username(username)
    display_name = (display_name or "").strip() or username
    _checked(username, password, role, display_name)
    if store.user_with_hash(username):
        raise AccountError(f"username {username!r} is taken")
    return store.add_user(username, display_name, role, hash_password(password))


def add_account(
    store: Store,
    actor: Actor | None,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    team: str | None = None,
) -> User:
    """An account made by an admin, placed in a team (by name) in the same transaction."""
    require_admin(store, actor)
    username = normal_username(username)
    display_name = (display_name or "").strip() or username
    _checked(username, password, role, display_name)
    if store.user_with_hash(username):
        raise AccountError(f"username {username!r} is taken")
    if team and all(t.name.casefold() != team.casefold() for t in store.teams()):
        raise AccountError(f"team: no team named {team!r}")
    account = directory.NewAccount(username, display_name, role, hash_password(password), team)
    try:
        return directory.add_accounts(store, [account])[0]
    except directory.DirectoryConflict as exc:
        raise AccountError(str(exc)) from exc


def change_role(store: Store, actor: Actor | None, user_id: int, role: str) -> User:
    """Give a user another role; refused when it would leave no admin."""
    require_admin(store, actor)
    problem = role_problem(role)
    if problem:
        raise AccountError(f"role: {problem}")
    try:
        return directory.set_role(store, user_id, role)
    except directory.DirectoryConflict as exc:
        raise AccountError(f"role: {exc}; make someone else an admin first") from exc


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user when the password matches, else None (no hint which part was wrong)."""
    found = store.user_with_hash(normal_username(username))
    if found is None:
        # Hash anyway so a wrong username takes as long as a wrong password.
        _hasher.hash(password)
        return None
    user, stored = found
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(stored):
        store.set_password_hash(user.id, _hasher.hash(password))
    return user
