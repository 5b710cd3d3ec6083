"""Accounts: who may sign in, with which role. Passwords are kept only as argon2 hashes."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counterpart.storage.records import User
from counterpart.storage.store import Store

# A manager sees the teams they manage; QA leads and admins see every team; an admin also
# manages accounts and roles.
ROLES = ("trainee", "trainer", "manager", "qa", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")

_hasher = PasswordHasher()


class AccountError(ValueError):
    """Raised when a new account's username, role or password is not acceptable."""


def create_user(
    store: Store, username: str, password: str, role: str, display_name: str | None = None
) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError(
            f"username {username!r}: use 2-80 lowercase letters, digits, '.', '_' or '-'"
        )
    if role not in ROLES:
        raise AccountError(f"role {role!r}: expected one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise AccountError("password: at least 8 characters")
    if store.user_with_hash(username):
        raise AccountError(f"username {username!r} is taken")
    return store.add_user(username, display_name or username, role, _hasher.hash(password))


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user when the password matches, else None (no hint which part was wrong)."""
    found = store.user_with_hash(username.strip().lower())
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
