import pytest

from counterpart.accounts import create_user
from counterpart.progress import lesson_records
from counterpart.qa_exercises import QAExercises
from counterpart.session_loop import PracticeError, SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library


@pytest.fixture
def setup(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path / 'qa.db'}")
    loop = SessionLoop(store, load_library())
    return store, loop, QAExercises(loop), create_user(store, "quinn", "password1", "trainee")


def exercise(loop):
    return loop.library.curricula["qa"].tracks[0].modules[0].lessons[0]


def gold_grades(ex, offset=0):
    return {
        i: {d: min(100, v + offset) for d, v in turn.gold.items()}
        for i, turn in enumerate(ex.transcript)
        if turn.gold
    }


def test_the_qa_track_is_locked_without_the_agent_certificate(setup):
    _, loop, qa, user = setup
    with pytest.raises(PracticeError) as caught:
        qa.submit(user, "qa", exercise(loop).id, gold_grades(exercise(loop)))
    assert caught.value.code == "locked"


def test_agreement_is_scored_recorded_and_counts_as_passing(setup, monkeypatch):
    store, loop, qa, user = setup
    monkeypatch.setattr(SessionLoop, "held_certificates", lambda self, u: {"agent-en"})
    ex = exercise(loop)
    far = qa.submit(user, "qa", ex.id, {})
    assert far.share == 0 and not far.passed
    close = qa.submit(user, "qa", ex.id, gold_grades(ex, offset=ex.tolerance))
    assert close.passed
    record = lesson_records(store, loop.library, user)[("qa", ex.id)]
    assert record.attempts == 2 and record.passed and record.best["agreement"] == 100
