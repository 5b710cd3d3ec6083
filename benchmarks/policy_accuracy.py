"""How often the offline policy grader catches a violation, and how often it flags a compliant
reply, on a labelled set of agent replies: per language and per policy.

    python benchmarks/policy_accuracy.py                                # the sealed set
    python benchmarks/policy_accuracy.py --set tests/grading/policy_set # the team's own set
    python benchmarks/policy_accuracy.py --policies benchmarks/policy_eval_v2  # same replies,
                                            # the policies rewritten in format v2 from the README

A set is a folder of `*.jsonl` replies (directly or under `replies/`), one JSON object a line:
{"id", "policy": "ID@VERSION", "language", "context": [[role, text], ...], "reply", "label"}.
Its policies are the YAML files under `policies/` when the folder has them, else the shipped
library. A folder with a `MANIFEST.sha256` is sealed: every file must match it, or the run stops
(a set tuned against is no longer a measurement). `--policies FOLDER` grades the same replies
against the policies in FOLDER/policies instead (sealed the same way when FOLDER has a
manifest): the sealed replies with policies written in another format by another hand.

Recall counts a violation as caught by any finding (`any`) and by a finding of its own kind
(`kind`); a compliant reply is a false alarm when any finding costs it points. Last line: JSON
with the same figures overall, per language and per policy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from curricula.library import load_files, load_library
from grading.policy_grader import grade_policy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sealing import check_seal, read_jsonl  # noqa: E402  (a sibling script, not a package)

ROOT = Path(__file__).resolve().parents[1]
SEALED = ROOT / "benchmarks" / "policy_eval"
# The finding that names each label's violation.
# The finding kinds that catch each label: a wrong fact is a wrong number or a wrong member of
# a list the policy gives (a status, a reason, where a refund may go).
FINDING_OF = {
    "wrong_fact": {"wrong_number", "wrong_fact"},
    "forbidden_promise": {"forbidden_promise"},
    "forbidden_remedy": {"forbidden_remedy"},
    "skipped_step": {"skipped_step"},
}


def load_rows(folder: Path) -> list[dict]:
    files = sorted((folder / "replies").glob("*.jsonl")) or sorted(folder.glob("*.jsonl"))
    return read_jsonl(files)


def load_policies(folder: Path):
    policy_files = sorted((folder / "policies").glob("*.yaml"))
    library = load_files(policy_files) if policy_files else load_library()
    if library.problems:
        for problem in library.problems:
            print(f"content problem: {problem}", file=sys.stderr)
    return library


class Tally:
    def __init__(self) -> None:
        self.violations = self.caught_any = self.caught_kind = 0
        self.compliant = self.false_alarms = 0

    def add(self, label: str, kinds: set[str]) -> None:
        if label == "compliant":
            self.compliant += 1
            self.false_alarms += bool(kinds)
        else:
            self.violations += 1
            self.caught_any += bool(kinds)
            self.caught_kind += bool(FINDING_OF[label] & kinds)

    def figures(self) -> dict:
        def ratio(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            "recall_any": ratio(self.caught_any, self.violations),
            "recall_kind": ratio(self.caught_kind, self.violations),
            "false_alarms": ratio(self.false_alarms, self.compliant),
            "violations": self.violations,
            "compliant": self.compliant,
        }


def line(name: str, tally: Tally) -> str:
    f = tally.figures()

    def show(value: float | None) -> str:
        return "  -  " if value is None else f"{value:.3f}"

    return (
        f"{name:<28} recall any {show(f['recall_any'])} kind {show(f['recall_kind'])} "
        f"({tally.caught_kind}/{tally.violations})  false alarms {show(f['false_alarms'])} "
        f"({tally.false_alarms}/{tally.compliant})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=SEALED, help="folder of the labelled set")
    parser.add_argument(
        "--policies", type=Path, help="folder whose policies/ replace the set's own policies"
    )
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    folder = args.set.resolve()
    seal = check_seal(folder)
    rows = load_rows(folder)
    if not rows:
        raise SystemExit(f"{folder}: no labelled replies (*.jsonl)")
    if args.policies is not None:
        seal += f", policies from {args.policies} ({check_seal(args.policies.resolve())})"
        library = load_policies(args.policies.resolve())
    else:
        library = load_policies(folder)
    overall = Tally()
    by_language: dict[str, Tally] = defaultdict(Tally)
    by_policy: dict[str, Tally] = defaultdict(Tally)
    by_label: dict[str, Tally] = defaultdict(Tally)
    unknown = 0
    # Which findings the false alarms were: a count per kind, never the replies.
    alarm_kinds: dict[str, int] = defaultdict(int)
    if args.misses and seal.startswith("sealed"):
        raise SystemExit(f"{folder.name} is sealed: its misses are not listed, only its figures")
    for row in rows:
        policy = library.policy(row["policy"])
        if policy is None:
            unknown += 1
            print(f"{row['where']}: unknown policy {row['policy']!r}", file=sys.stderr)
            continue
        context = [tuple(turn) for turn in row.get("context", [])]
        score = grade_policy(row["reply"], policy, context=context)
        kinds = {finding.kind for finding in score.findings}
        label = row["label"]
        for tally in (overall, by_language[row["language"]], by_policy[policy.id]):
            tally.add(label, kinds)
        by_label[label].add(label, kinds)
        wrong = bool(kinds) if label == "compliant" else not FINDING_OF[label] & kinds
        if label == "compliant":
            for kind in kinds:
                alarm_kinds[kind] += 1
        if args.misses and wrong:
            print(f"  {row['id']} [{label}] got {sorted(kinds) or 'nothing'}: {row['reply']}")
    print(
        f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder} ({seal}), "
        f"{len(rows)} replies, {unknown} with an unknown policy"
    )
    print(line("overall", overall))
    for name, tally in sorted(by_language.items()):
        print(line(f"language {name}", tally))
    for name, tally in sorted(by_policy.items()):
        print(line(f"policy {name}", tally))
    for name, tally in sorted(by_label.items()):
        print(line(f"label {name}", tally))
    alarms = ", ".join(f"{k} {n}" for k, n in sorted(alarm_kinds.items())) or "none"
    print(f"false alarms by finding: {alarms}")
    print(
        json.dumps(
            {
                "set": folder.name,
                "seal": seal,
                "replies": len(rows),
                "unknown_policy": unknown,
                **overall.figures(),
                "language": {k: v.figures() for k, v in sorted(by_language.items())},
                "policy": {k: v.figures() for k, v in sorted(by_policy.items())},
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
