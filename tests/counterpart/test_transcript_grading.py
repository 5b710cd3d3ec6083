"""`counterpart grade`: real chat logs graded line by line, bad lines reported, never a crash."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterpart import transcript_grading as tg
from counterpart.cli import main
from curricula.library import POLICY_LIBRARY

ROOT = Path(__file__).resolve().parents[2]
REFUNDS = POLICY_LIBRARY / "returns-refunds.yaml"
GOOD = {
    "id": "chat-1",
    "reply": "I'm so sorry about the wait. Could you share your order number?",
    "context": [
        {"role": "customer", "text": "Where is my refund? This is ridiculous."},
        {"role": "agent", "text": "Let me check."},
        {"role": "customer", "text": "I've waited two weeks!"},
    ],
    "reply_seconds": 20,
}
RECORD_KEYS = {
    "id",
    "scores",
    "empathy_levels",
    "findings",
    "suggestion",
    "grader_version",
    "policy",
    "language",
}


@pytest.fixture(scope="module")
def catalog() -> tg.PolicyCatalog:
    return tg.PolicyCatalog(tg.policy_library())


def line(**fields) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def grade(catalog, *raws, policy=None, sla=60.0, judge=None) -> list[dict]:
    return list(tg.grade_stream(list(raws), catalog, policy, sla, judge))


def write_jsonl(path: Path, *raws: bytes) -> Path:
    path.write_bytes(b"".join(raws))
    return path


# --- the output shape ---------------------------------------------------------------------


def test_a_graded_line_has_exactly_the_documented_shape(catalog):
    [record] = grade(catalog, line(**GOOD, policy="returns-refunds"))
    assert set(record) == RECORD_KEYS
    assert record["id"] == "chat-1"
    assert set(record["scores"]) == {"empathy", "policy", "speed"}
    for value in record["scores"].values():
        assert isinstance(value, int) and 0 <= value <= 100
    assert set(record["empathy_levels"]) == {
        "emotional_reaction",
        "interpretation",
        "exploration",
    }
    for level in record["empathy_levels"].values():
        assert level is None or level in (0, 1, 2)
    assert isinstance(record["findings"], list)
    assert record["suggestion"] is None or isinstance(record["suggestion"], str)
    assert record["grader_version"]
    assert record["policy"] == "returns-refunds@2026.10"
    # One JSON line, UTF-8, not ASCII-escaped.
    out = tg.to_json_line(record)
    assert out.endswith(b"\n") and out.count(b"\n") == 1
    assert json.loads(out) == record


def test_findings_are_the_negative_reasons_of_every_dimension(catalog):
    reply = "Calm down. Refunds take 30 days, and I can refund you right now."
    [record] = grade(
        catalog, line(id="w", reply=reply, reply_seconds=170, policy="returns-refunds")
    )
    assert record["scores"]["speed"] < 100
    assert record["scores"]["policy"] < 100
    dimensions = {f["dimension"] for f in record["findings"]}
    assert {"empathy", "policy", "speed"} <= dimensions
    for finding in record["findings"]:
        assert set(finding) == {"dimension", "kind", "quote", "reason"}
        assert isinstance(finding["quote"], str) and finding["reason"]
        if finding["quote"]:
            assert finding["quote"] in reply
    speed = next(f for f in record["findings"] if f["dimension"] == "speed")
    assert speed["quote"] == ""
    assert any("30 days" in f["quote"] for f in record["findings"] if f["dimension"] == "policy")


def test_chinese_text_is_written_as_utf8_not_escaped(catalog):
    [record] = grade(catalog, line(id="中文-1", reply="好的。"))
    out = tg.to_json_line(record)
    assert "中文-1".encode() in out
    assert b"\\u" not in out


def test_speed_is_null_without_reply_seconds_and_policy_null_without_any_policy(catalog):
    fields = {k: v for k, v in GOOD.items() if k != "reply_seconds"}
    [record] = grade(catalog, line(**fields))
    assert record["scores"]["speed"] is None
    assert record["scores"]["policy"] is None
    assert record["policy"] is None
    assert isinstance(record["scores"]["empathy"], int)


def test_null_optional_fields_count_as_absent(catalog):
    [record] = grade(
        catalog, line(id="n", reply="Sorry!", context=None, policy=None, reply_seconds=None)
    )
    assert "error" not in record
    assert record["scores"]["speed"] is None


def test_the_customer_text_is_the_last_customer_turn_and_language_is_passed_on(
    catalog, monkeypatch
):
    seen = []
    real = tg.grade_reply

    def spy(reply, **kwargs):
        seen.append(kwargs)
        return real(reply, **kwargs)

    monkeypatch.setattr(tg, "grade_reply", spy)
    grade(
        catalog,
        line(**GOOD),
        line(id="zh", reply="非常抱歉，请问您的订单号是多少？"),
        line(id="zh-told", reply="非常抱歉，请问您的订单号是多少？", language="en"),
        line(id="region", reply="Sorry.", language="zh-CN"),
    )
    assert seen[0]["customer_text"] == "I've waited two weeks!"
    assert seen[0]["context"][0] == ("customer", "Where is my refund? This is ridiculous.")
    # Absent: the grader detects it from the text a customer would see.
    assert [kwargs["language"] for kwargs in seen] == [None, None, "en", "zh"]
    assert seen[1]["customer_text"] == ""


def test_each_record_names_the_language_the_reply_is_written_in(catalog):
    replies = {
        "en": "Sorry about the wait, let me check your order.",
        "zh": "非常抱歉让您久等了，我马上帮您查一下订单。",
        "es": "Perdone la espera, ahora mismo reviso su pedido.",
        "id": "Mohon maaf kak sudah menunggu, saya cek pesanannya dulu ya.",
        "ar": "آسف على التأخير، خليني أشيك على طلبك.",
    }
    records = grade(catalog, *(line(id=code, reply=text) for code, text in replies.items()))
    assert {r["id"]: r["language"] for r in records} == {code: code for code in replies}


def test_a_reply_without_language_gets_advice_in_its_own_language(catalog):
    chinese, english, told = grade(
        catalog,
        line(id="zh", reply="好的。"),
        line(id="en", reply="OK."),
        line(id="told", reply="好的。", language="en"),
    )

    def has_cjk(text):
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)

    assert chinese["suggestion"] and has_cjk(chinese["suggestion"])
    assert english["suggestion"] and not has_cjk(english["suggestion"])
    assert told["suggestion"] and not has_cjk(told["suggestion"])


# --- policies -----------------------------------------------------------------------------


def test_a_line_policy_overrides_the_default_and_versions_resolve(catalog):
    payments = catalog.resolve("payments")
    records = grade(
        catalog,
        line(id="a", reply="Sorry about that."),
        line(id="b", reply="Sorry about that.", policy="returns-refunds"),
        line(id="c", reply="Sorry about that.", policy="returns-refunds@2026.10"),
        policy=payments,
    )
    assert [r["policy"] for r in records] == [
        payments.ref,
        "returns-refunds@2026.10",
        "returns-refunds@2026.10",
    ]
    assert all(isinstance(r["scores"]["policy"], int) for r in records)


def test_unknown_policy_ids_and_versions_name_what_is_known(catalog):
    unknown_id, unknown_version = grade(
        catalog,
        line(id="x", reply="Sorry.", policy="refund-rules"),
        line(id="y", reply="Sorry.", policy="returns-refunds@1999.01"),
    )
    assert unknown_id["id"] == "x" and unknown_id["line"] == 1
    assert "refund-rules" in unknown_id["error"] and "returns-refunds" in unknown_id["error"]
    assert "payments" in unknown_id["error"]
    assert "1999.01" in unknown_version["error"] and "2026.10" in unknown_version["error"]


def test_policies_are_resolved_once_per_reference(catalog, monkeypatch):
    fresh = tg.PolicyCatalog(tg.policy_library())
    calls = []
    real = fresh._library.policy
    monkeypatch.setattr(fresh._library, "policy", lambda *a: calls.append(a) or real(*a))
    grade(fresh, *[line(id=str(i), reply="Sorry.", policy="returns-refunds") for i in range(20)])
    assert len(calls) == 1


# --- malformed lines ----------------------------------------------------------------------

MALFORMED = {
    "invalid JSON": (b'{"id": "a", "reply": ', None, "not valid JSON"),
    "a list": (b"[1, 2]", None, "expected a JSON object"),
    "a string": (b'"hello"', None, "expected a JSON object"),
    "null": (b"null", None, "expected a JSON object"),
    "NaN": (b'{"id": "n", "reply": "hi", "reply_seconds": NaN}', None, "NaN"),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, None, "JSON"),
    "invalid UTF-8": (b'{"id": "u", "reply": "caf\xe9 \xff"}', None, "not valid UTF-8"),
    "missing reply": (line(id="m"), "m", "reply: missing"),
    "empty reply": (line(id="e", reply=""), "e", "reply: expected a non-empty string"),
    "blank reply": (line(id="e", reply="   \n"), "e", "reply: expected a non-empty string"),
    "number reply": (line(id="r", reply=42), "r", "reply: expected a non-empty string"),
    "no id": (line(reply="Sorry."), None, "id: missing"),
    "number id": (line(id=7, reply="Sorry."), None, "id: expected a non-empty string"),
    "context not a list": (line(id="c", reply="Hi.", context="hi"), "c", "context:"),
    "context turn role": (
        line(id="c", reply="Hi.", context=[{"role": "bot", "text": "x"}]),
        "c",
        "context[0].role",
    ),
    "context turn text": (
        line(id="c", reply="Hi.", context=[{"role": "customer", "text": 3}]),
        "c",
        "context[0].text",
    ),
    "context turn type": (line(id="c", reply="Hi.", context=["hi"]), "c", "context[0]"),
    "policy type": (line(id="p", reply="Hi.", policy=3), "p", "policy:"),
    "reply_seconds text": (line(id="s", reply="Hi.", reply_seconds="5"), "s", "reply_seconds"),
    "reply_seconds bool": (line(id="s", reply="Hi.", reply_seconds=True), "s", "reply_seconds"),
    "reply_seconds negative": (line(id="s", reply="Hi.", reply_seconds=-3), "s", "reply_seconds"),
    "language type": (line(id="l", reply="Hi.", language=["en"]), "l", "language"),
    "language format": (line(id="l", reply="Hi.", language="english!"), "l", "language"),
    "lone surrogate": (b'{"id": "s", "reply": "ok \\ud800"}', "s", "surrogate"),
    "surrogate id": (b'{"id": "\\udc00", "reply": "ok"}', None, "surrogate"),
    "huge integer": (
        b'{"id": "h", "reply": "ok", "reply_seconds": 1' + b"0" * 5000 + b"}",
        None,
        "too long",
    ),
    "integer beyond float": (
        b'{"id": "h", "reply": "ok", "reply_seconds": 1' + b"0" * 400 + b"}",
        "h",
        "reply_seconds",
    ),
    "infinite float": (b'{"id": "h", "reply": "ok", "reply_seconds": 1e999}', "h", "inf"),
    "thousand bad turns": (line(id="t", reply="ok", context=[1] * 1000), "t", "and 995 more"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_line_gets_an_error_and_the_others_are_graded(catalog, case):
    raw, ident, message = MALFORMED[case]
    before, bad, after = grade(
        catalog, line(id="before", reply="Sorry!"), raw, line(id="after", reply="Sorry!")
    )
    assert set(bad) == {"id", "line", "error"}
    assert bad["id"] == ident and bad["line"] == 2
    assert message in bad["error"]
    assert len(bad["error"]) < 600  # a bad value is described, not echoed whole
    assert before["id"] == "before" and "scores" in before
    assert after["id"] == "after" and "scores" in after
    tg.to_json_line(bad)  # always serialisable


def test_every_problem_of_a_line_is_reported_at_once(catalog):
    [bad] = grade(catalog, line(id="many", reply="", reply_seconds="x", language=1))
    assert "reply:" in bad["error"] and "reply_seconds:" in bad["error"]
    assert "language:" in bad["error"]


def test_blank_lines_are_skipped_but_keep_their_line_number(catalog):
    tally = tg.Tally()
    records = list(
        tg.grade_stream(
            [b"\n", b"  \r\n", b"not json\n", line(id="ok", reply="Sorry.")],
            catalog,
            None,
            60.0,
            tally=tally,
        )
    )
    assert [r.get("line") for r in records] == [3, None]
    assert (tally.graded, tally.errors, tally.blank) == (1, 1, 2)


def test_crlf_and_a_byte_order_mark_are_accepted(catalog):
    raw = b"\xef\xbb\xbf" + line(id="bom", reply="Sorry.").rstrip(b"\n") + b"\r\n"
    [record] = grade(catalog, raw)
    assert record["id"] == "bom" and "scores" in record


def test_a_one_megabyte_reply_is_graded(catalog):
    sentence = "I'm so sorry about the delay, I will check your order right away. "
    reply = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    [record] = grade(catalog, line(id="big", reply=reply, reply_seconds=3))
    assert record["id"] == "big" and record["scores"]["empathy"] is not None


def test_a_reply_over_the_documented_limit_is_refused_quickly(catalog):
    [record] = grade(catalog, line(id="huge", reply="a" * (tg.MAX_REPLY_CHARS + 1)))
    assert record["id"] == "huge"
    assert str(tg.MAX_REPLY_CHARS) in record["error"]


def test_a_line_over_the_byte_limit_is_skipped_unread():
    stream = io.BytesIO(b'{"id": "a"}\n' + b"x" * 5000 + b"\n" + b'{"id": "b"}')
    lines = list(tg.read_lines(stream, limit=100))
    assert lines[0] == b'{"id": "a"}\n'
    assert lines[1] == tg.OversizedLine(5001)
    assert lines[2] == b'{"id": "b"}'
    [record] = grade(tg.PolicyCatalog(tg.policy_library()), lines[1])
    assert record["id"] is None and "5001 bytes" in record["error"]


# --- the command --------------------------------------------------------------------------


def test_grade_exits_0_when_every_line_is_graded(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD), b"\n", line(id="2", reply="好的"))
    assert main(["grade", "--input", str(source)]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in records] == ["chat-1", "2"]
    assert "graded 2 of 2" in err


def test_grade_exits_2_when_a_line_is_bad_and_still_grades_the_rest(tmp_path, capsys):
    source = write_jsonl(
        tmp_path / "in.jsonl", line(**GOOD), b"\xff\xfe\n", b"{oops\n", line(id="3", reply="Hi")
    )
    assert main(["grade", "--input", str(source)]) == 2
    out, err = capsys.readouterr()
    records = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in records] == ["chat-1", None, None, "3"]
    assert [r.get("line") for r in records] == [None, 2, 3, None]
    assert "2 could not be graded" in err


def test_an_empty_file_exits_2_with_a_message(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert main(["grade", "--input", str(empty)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "empty" in err and str(empty) in err


def test_usage_problems_exit_1_and_say_what(tmp_path, capsys):
    missing = tmp_path / "nope.jsonl"
    assert main(["grade", "--input", str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err
    assert main(["grade"]) == 1
    assert "--input" in capsys.readouterr().err
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD))
    assert main(["grade", "--input", str(source), "--policy", "refund-rules"]) == 1
    assert "returns-refunds" in capsys.readouterr().err
    both = ["--policy", "payments", "--policy-file", str(REFUNDS)]
    assert main(["grade", "--input", str(source), *both]) == 1
    assert main(["grade", "--input", str(source), "--sla-seconds", "0"]) == 1
    assert main(["grade", "--input", str(source), "--sla-seconds", "soon"]) == 1
    assert capsys.readouterr().out == ""


def test_policy_option_applies_to_lines_without_their_own(tmp_path, capsys):
    source = write_jsonl(
        tmp_path / "in.jsonl",
        line(id="a", reply="Sorry."),
        line(id="b", reply="Sorry.", policy="payments"),
    )
    assert main(["grade", "--input", str(source), "--policy", "returns-refunds@2026.10"]) == 0
    a, b = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert a["policy"] == "returns-refunds@2026.10"
    assert b["policy"].startswith("payments@")


def test_policy_file_is_graded_against_and_resolvable_by_lines(tmp_path, capsys):
    mine = tmp_path / "house-refunds.yaml"
    mine.write_text(
        REFUNDS.read_text(encoding="utf-8").replace('version: "2026.10"', 'version: "h1"'),
        encoding="utf-8",
    )
    source = write_jsonl(
        tmp_path / "in.jsonl",
        line(id="a", reply="Refunds take 30 days."),
        line(id="b", reply="Sorry.", policy="house-refunds@h1"),
        line(id="c", reply="Sorry.", policy="returns-refunds"),
    )
    assert main(["grade", "--input", str(source), "--policy-file", str(mine)]) == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["policy"] for r in records] == [
        "house-refunds@h1",
        "house-refunds@h1",
        "returns-refunds@2026.10",
    ]
    assert records[0]["scores"]["policy"] < 100


def test_a_broken_policy_file_prints_file_line_message_and_exits_1(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        REFUNDS.read_text(encoding="utf-8").replace("version:", "versoin:"), encoding="utf-8"
    )
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD))
    assert main(["grade", "--input", str(source), "--policy-file", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert any(x.startswith(f"{broken}:2: ") for x in err.splitlines()), err
    missing = tmp_path / "missing.yaml"
    assert main(["grade", "--input", str(source), "--policy-file", str(missing)]) == 1
    assert f"{missing}:1: " in capsys.readouterr().err


def test_output_file_and_sla_option(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", line(id="a", reply="Sorry!", reply_seconds=90))
    target = tmp_path / "out.jsonl"
    args = ["grade", "--input", str(source), "--output", str(target)]
    assert main([*args, "--sla-seconds", "120"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["scores"]["speed"] == 100
    assert main(args) == 0  # default SLA 60 s: 90 s is late
    assert json.loads(target.read_text(encoding="utf-8"))["scores"]["speed"] < 100


def test_stdin_and_stdout_through_the_console_command(tmp_path):
    data = line(**GOOD) + b"\n" + b"\xc3\x28 garbage\n" + line(id="zh", reply="非常抱歉！")
    done = subprocess.run(
        [sys.executable, "-m", "counterpart.cli", "grade", "--input", "-"],
        input=data,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    records = [json.loads(x) for x in done.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["chat-1", None, "zh"]
    assert records[1]["line"] == 3 and "UTF-8" in records[1]["error"]
    assert b"\\u" not in done.stdout  # UTF-8 out, not ASCII escapes


def test_output_file_through_the_console_command(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD))
    target = tmp_path / "graded.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "counterpart.cli", "grade", "--input", str(source)]
        + ["--output", str(target), "--policy", "returns-refunds"],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    [record] = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert record["policy"] == "returns-refunds@2026.10"


# --- the LLM judge ------------------------------------------------------------------------


def test_judge_without_a_configured_llm_is_a_usage_error(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD))
    assert main(["grade", "--input", str(source), "--judge"]) == 1
    assert "--judge needs an LLM" in capsys.readouterr().err


def test_judge_refines_empathy_through_the_gateway(tmp_path, capsys, monkeypatch, fake_openai):
    monkeypatch.setenv("COUNTERPART_LLM_BASE_URL", fake_openai.base_url)
    fake_openai.replies.append('{"empathy": 100, "resolution": 40, "reasons": ["warm"]}')
    source = write_jsonl(tmp_path / "in.jsonl", line(**GOOD))
    assert main(["grade", "--input", str(source)]) == 0
    offline = json.loads(capsys.readouterr().out)
    assert main(["grade", "--input", str(source), "--judge"]) == 0
    judged = json.loads(capsys.readouterr().out)
    assert "LLM judge" in judged["judge_note"]
    assert judged["scores"]["empathy"] >= offline["scores"]["empathy"]
    assert "judge_note" not in offline


def test_a_failing_judge_is_recorded_and_the_offline_grade_stands(catalog):
    class Broken:
        def judge(self, messages):
            from grading.judge import JudgeError

            raise JudgeError("the judge model timed out")

    [record] = grade(catalog, line(**GOOD), judge=Broken())
    assert "timed out" in record["judge_note"]
    assert record["scores"]["empathy"] is not None


def test_several_policy_files_or_a_folder_grade_the_lines_that_name_them(tmp_path, capsys):
    from counterpart.cli import main

    folder = tmp_path / "policies"
    folder.mkdir()
    for name in ("returns-refunds", "payments"):
        source = Path(__file__).parents[2] / "curricula" / "policies" / f"{name}.yaml"
        text = source.read_text(encoding="utf-8").replace('version: "', 'version: "9')
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "reply": "Refunds take 30 days.", "policy": "returns-refunds"})
        + "\n"
        + json.dumps({"id": "b", "reply": "OK.", "policy": "payments"})
        + "\n",
        encoding="utf-8",
    )
    for args in (
        ["--policy-file", str(folder)],
        ["--policy-file", str(folder / "returns-refunds.yaml"), "--policy-file",
         str(folder / "payments.yaml")],
    ):  # fmt: skip
        out = tmp_path / "out.jsonl"
        assert main(["grade", "--input", str(lines), "--output", str(out), *args]) == 0
        records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r["policy"].split("@")[1][0] for r in records] == ["9", "9"]
        assert records[0]["findings"][0]["kind"] == "wrong_number"


def test_an_unknown_concept_in_a_policy_file_is_a_file_line_problem(tmp_path, capsys):
    from counterpart.cli import main

    source = Path(__file__).parents[2] / "curricula" / "policies" / "returns-refunds.yaml"
    text = source.read_text(encoding="utf-8").replace("concepts: [refund]", "concepts: [refnud]")
    broken = tmp_path / "returns-refunds.yaml"
    broken.write_text(text, encoding="utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "a", "reply": "OK."}) + "\n", encoding="utf-8")
    assert main(["grade", "--input", str(lines), "--policy-file", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err and "refnud" in err and "known concepts" in err


# --- the cyclic collector during a batch --------------------------------------------------


@pytest.fixture
def gc_threshold():
    import gc

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc
    gc.set_threshold(*before)


def test_a_batch_collects_less_often_while_it_runs_and_restores_the_setting(catalog, gc_threshold):
    seen = []
    for _ in tg.grade_stream(
        [line(id="a", reply="Sorry."), line(id="b", reply="Hi.")], catalog, None, 60.0
    ):
        seen.append(gc_threshold.get_threshold())
    assert seen == [(tg.BATCH_GC_THRESHOLD, 10, 10)] * 2
    assert gc_threshold.get_threshold() == (700, 10, 10)


def test_a_batch_stopped_early_or_failing_restores_the_setting(catalog, gc_threshold):
    records = tg.grade_stream(
        [line(id="a", reply="Sorry."), line(id="b", reply="Hi.")], catalog, None, 60.0
    )
    next(records)
    records.close()
    assert gc_threshold.get_threshold() == (700, 10, 10)

    def broken():
        yield line(id="a", reply="Sorry.")
        raise OSError("disk gone")

    with pytest.raises(OSError):
        list(tg.grade_stream(broken(), catalog, None, 60.0))
    assert gc_threshold.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_already_set_is_kept(catalog, gc_threshold):
    higher = tg.BATCH_GC_THRESHOLD * 4
    gc_threshold.set_threshold(higher, 10, 10)
    records = tg.grade_stream([line(id="a", reply="Sorry.")], catalog, None, 60.0)
    seen = [gc_threshold.get_threshold() for _ in records]
    assert gc_threshold.get_threshold() == (higher, 10, 10)
    assert seen == [(higher, 10, 10)]
