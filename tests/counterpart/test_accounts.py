import pytest

from counterpart.accounts import AccountError, authenticate, create_user
from counterpart.demo import DEMO_ACCOUNTS, seed_demo
from counterpart.storage.store import Store


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'accounts.db'}")


def test_passwords_are_stored_only_as_argon2_hashes(store):
    create_user(store, "Mia", "correct horse", "trainee")
    user, stored = store.user_with_hash("mia")
    assert user.username == "mia"
    assert stored.startswith("$argon2")
    assert "correct horse" not in stored


def test_authenticate_accepts_the_right_password_only(store):
    create_user(store, "mia", "correct horse", "manager")
    assert authenticate(store, "MIA", "correct horse").role == "manager"
    assert authenticate(store, "mia", "wrong horse!") is None
    assert authenticate(store, "nobody", "correct horse") is None


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("x", "longenough", "trainee", "username"),
        ("ok-name", "short", "trainee", "password"),
        ("ok-name", "longenough", "admiral", "role"),
    ],
)
def test_bad_accounts_are_refused_with_the_reason(store, username, password, role, message):
    with pytest.raises(AccountError, match=message):
        create_user(store, username, password, role)


def test_a_taken_username_is_refused(store):
    create_user(store, "mia", "correct horse", "trainee")
    with pytest.raises(AccountError, match="taken"):
        create_user(store, "mia", "another pass", "trainee")


def test_demo_accounts_sign_in_with_the_shown_passwords(store):
    assert len(seed_demo(store)) == len(DEMO_ACCOUNTS)
    assert seed_demo(store) == []
    for username, password, role, _ in DEMO_ACCOUNTS:
        assert authenticate(store, username, password).role == role
