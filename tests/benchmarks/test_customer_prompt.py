import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "customer_prompt.py"


def _load():
    if "customer_prompt" not in sys.modules:
        spec = importlib.util.spec_from_file_location("customer_prompt", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["customer_prompt"] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules["customer_prompt"]


bench = _load()


def test_approx_tokens_grows_with_length():
    assert bench.approx_tokens("") == 0
    sizes = [bench.approx_tokens("refund " * n) for n in range(1, 30)]
    assert sizes == sorted(sizes)
    assert sizes[-1] > sizes[0]
    chinese = [bench.approx_tokens("退款" * n) for n in range(1, 30)]
    assert chinese == sorted(chinese)


def test_chinese_counts_more_per_character_than_english():
    english = "Could you share your order number please"
    chinese = "请问您的订单号是多少呢我帮您查询一下物流信息"
    assert bench.approx_tokens(chinese) / len(chinese) > bench.approx_tokens(english) / len(english)
    assert bench.approx_tokens("订单") == 2
    # Arabic letters count about half a token each.
    assert bench.approx_tokens("مرحبا") == 3


def test_stable_prefix_stops_at_the_first_changed_message():
    a = {"role": "system", "content": "rules and persona"}
    b = {"role": "user", "content": "hello"}
    state = {"role": "system", "content": "state"}
    previous = [a, b, state]
    current = [a, b, {"role": "assistant", "content": "hi"}, state]
    expected = sum(bench.approx_tokens(m["content"]) + bench.MESSAGE_OVERHEAD for m in (a, b))
    assert bench.stable_prefix_tokens(previous, current) == expected
    assert bench.stable_prefix_tokens([b, a], current) == 0


def test_main_prints_a_table_and_a_json_last_line(capsys):
    bench.main([])
    lines = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["personas"] >= 1
    assert figures["max_system_prompt_tokens"] > 0
    assert 0 < figures["min_stable_prefix_share"] <= 1
    assert lines[0].startswith("persona")
