"""Where the LLM settings come from: environment first, then .streamlit/secrets.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpart.llm_settings import LLMSettings, load_llm_settings

NO_FILE = Path("/nonexistent/secrets.toml")


def write_secrets(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_means_offline():
    assert load_llm_settings({}, NO_FILE) is None
    assert load_llm_settings({"COUNTERPART_LLM_MODEL": "qwen2.5"}, NO_FILE) is None


def test_counterpart_variables_win_over_openai_ones():
    env = {
        "COUNTERPART_LLM_BASE_URL": "http://vllm:8000/v1",
        "OPENAI_BASE_URL": "http://elsewhere/v1",
        "COUNTERPART_LLM_API_KEY": "counterpart-key",
        "OPENAI_API_KEY": "openai-key",
        "COUNTERPART_LLM_MODEL": "qwen2.5-7b",
        "COUNTERPART_LLM_TIMEOUT": "12.5",
    }
    assert load_llm_settings(env, NO_FILE) == LLMSettings(
        base_url="http://vllm:8000/v1",
        api_key="counterpart-key",
        model="qwen2.5-7b",
        timeout_seconds=12.5,
    )


def test_openai_variables_are_the_fallback_with_default_model_and_timeout():
    settings = load_llm_settings({"OPENAI_API_KEY": "sk-test"}, NO_FILE)
    assert settings == LLMSettings(
        base_url=None, api_key="sk-test", model="gpt-4o-mini", timeout_seconds=30.0
    )


def test_environment_wins_and_secrets_fill_the_gaps(tmp_path):
    secrets = write_secrets(
        tmp_path,
        '[llm]\nbase_url = "http://from-file/v1"\napi_key = "file-key"\n'
        'model = "file-model"\ntimeout_seconds = 7\n',
    )
    settings = load_llm_settings({"COUNTERPART_LLM_BASE_URL": "http://from-env/v1"}, secrets)
    assert settings == LLMSettings(
        base_url="http://from-env/v1", api_key="file-key", model="file-model", timeout_seconds=7.0
    )


def test_secrets_alone_are_enough(tmp_path):
    secrets = write_secrets(tmp_path, '[llm]\napi_key = "file-key"\n')
    assert load_llm_settings({}, secrets) == LLMSettings(
        base_url=None, api_key="file-key", model="gpt-4o-mini"
    )


def test_default_secrets_path_is_under_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[llm]\nbase_url = "http://x/v1"\n')
    monkeypatch.chdir(tmp_path)
    settings = load_llm_settings({})
    assert settings is not None
    assert settings.base_url == "http://x/v1"


def test_a_local_server_needs_no_key():
    settings = load_llm_settings({"COUNTERPART_LLM_BASE_URL": "http://localhost:11434/v1"}, NO_FILE)
    assert settings is not None
    assert settings.api_key == "not-needed"


def test_empty_variables_count_as_unset():
    env = {"COUNTERPART_LLM_API_KEY": " ", "OPENAI_BASE_URL": ""}
    assert load_llm_settings(env, NO_FILE) is None


@pytest.mark.parametrize("value", ["soon", "0", "-3", "nan"])
def test_a_bad_timeout_variable_is_named(value):
    env = {"OPENAI_API_KEY": "sk-test", "COUNTERPART_LLM_TIMEOUT": value}
    with pytest.raises(ValueError, match="COUNTERPART_LLM_TIMEOUT"):
        load_llm_settings(env, NO_FILE)


def test_a_bad_timeout_in_secrets_names_the_file(tmp_path):
    secrets = write_secrets(tmp_path, '[llm]\napi_key = "k"\ntimeout_seconds = "long"\n')
    with pytest.raises(ValueError, match="timeout_seconds") as caught:
        load_llm_settings({}, secrets)
    assert str(secrets) in str(caught.value)


def test_invalid_toml_names_the_file_and_the_problem(tmp_path):
    secrets = write_secrets(tmp_path, "[llm\nbase_url = \n")
    with pytest.raises(ValueError) as caught:
        load_llm_settings({}, secrets)
    assert str(secrets) in str(caught.value)
    assert "line 1" in str(caught.value)


def test_the_key_never_shows_in_repr():
    settings = LLMSettings(base_url=None, api_key="sk-secret", model="m")
    assert "sk-secret" not in repr(settings)


def test_a_tab_fetching_the_answer_holds_the_session_as_long_as_the_model_may_take(
    tmp_path, monkeypatch
):
    from counterpart.services import build_services
    from counterpart.session_loop import CLAIM_SECONDS

    url = f"sqlite:///{tmp_path / 'claim.db'}"
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    for name in ("COUNTERPART_LLM_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert build_services(url).loop.claim_seconds == CLAIM_SECONDS
    monkeypatch.setenv("COUNTERPART_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COUNTERPART_LLM_TIMEOUT", "100")
    # Three tries at 100 s each, and a margin: longer than the default.
    assert build_services(url).loop.claim_seconds == 100 * 3 + 30
