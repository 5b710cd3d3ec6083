"""Check the open policy_facts set and print its counts.

python benchmarks/policy_facts_open/check_set.py [--markdown] [--sections]

The checker is the sealed set's own (benchmarks/policy_facts_sealed/check_set.py, frozen by its
manifest), run on this folder: it finds its folder from __file__, so it is executed here with
this file's path. Exits 1 on any problem. Does not import or run the grader.
"""

import pathlib

CHECKER = pathlib.Path(__file__).resolve().parents[1] / "policy_facts_sealed" / "check_set.py"

if __name__ == "__main__":
    code = compile(CHECKER.read_text(encoding="utf-8"), str(CHECKER), "exec")
    exec(code, {"__file__": __file__, "__name__": "__main__"})
