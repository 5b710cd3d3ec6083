"""Wire the core together once per process: content, storage, the LLM and the session loop."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from counterpart.config import database_url, demo_mode
from counterpart.content_folders import load_library
from counterpart.exams import ExamService
from counterpart.llm_gateway import LLMGateway
from counterpart.llm_settings import load_llm_settings
from counterpart.qa_exercises import QAExercises
from counterpart.session_loop import CLAIM_SECONDS, SessionLoop
from counterpart.session_scores import record_missing_scores
from counterpart.storage.store import Store
from curricula.library import Library


@dataclass
class Services:
    store: Store
    library: Library
    gateway: LLMGateway | None
    loop: SessionLoop
    exams: ExamService
    qa: QAExercises
    demo: bool
    llm_problem: str | None = None  # why the LLM is not in use although configured


def build_services(url: str | None = None) -> Services:
    store = Store(url or database_url())
    library = load_library()
    gateway, problem = None, None
    try:
        settings = load_llm_settings()
    except ValueError as exc:
        settings, problem = None, str(exc)
    if settings is not None:
        gateway = LLMGateway(settings)
    # A tab fetching the customer's answer keeps it to itself for as long as the model may take
    # (every try at its timeout) and a margin; a tab that died frees the session after that.
    claim = CLAIM_SECONDS
    if settings is not None:
        claim = max(claim, settings.timeout_seconds * settings.max_attempts + 30)
    loop = SessionLoop(store, library, gateway, claim_seconds=claim)
    # Ended sessions without a score row (dropped by a migration to be scored again under a new
    # rule, or left by a process that stopped between ending a session and scoring it) are
    # scored before the dashboards read them; on a database with none this is one query.
    try:
        record_missing_scores(store, library)
    except Exception:  # a session its content no longer describes must not keep the app down
        logging.getLogger(__name__).exception("scoring ended sessions without a score row")
    return Services(
        store, library, gateway, loop, ExamService(loop), QAExercises(loop), demo_mode(), problem
    )
