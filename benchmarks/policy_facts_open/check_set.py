"""Check a policy_facts set (open or sealed) and print its counts.

python benchmarks/policy_facts_open/check_set.py [--markdown] [--sections]
python benchmarks/policy_facts_sealed/check_set.py [--markdown] [--sections]

Reads only its own folder (policies/*.yaml, replies/*.jsonl, MANIFEST.sha256 when there is
one) and the file names in curricula/policies/ and benchmarks/policy_holdout/policies/ (to
catch a clashing policy id). Exits 1 on any problem. Does not import or run the grader.
Adapted from benchmarks/policy_holdout/check_set.py.
"""

import collections
import hashlib
import json
import pathlib
import sys
import unicodedata

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PREFIX = {"policy_facts_open": "fo", "policy_facts_sealed": "fs"}[HERE.name]
LANGS = ["en", "zh", "es", "es-en", "id", "ar"]
LABELS = ["compliant", "wrong_fact", "forbidden_promise", "forbidden_remedy", "skipped_step"]
KEYS = {"id", "policy", "language", "context", "reply", "label", "section", "why"}
PER_FILE = 36
# the mix asked for: about 18 wrong_fact, 12 compliant, 2 of each other violation per file
MIN_PER_LABEL = {
    "wrong_fact": 16,
    "compliant": 10,
    "forbidden_promise": 2,
    "forbidden_remedy": 2,
    "skipped_step": 2,
}
N_POLICIES = 2
VERSION = "2026.12"
EFFECTIVE = "2026-12-01"
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\u00ad")
# ids already taken elsewhere (policy_dev's, as named in benchmarks/policy_holdout/README.md)
TAKEN = {"food-delivery-orders", "hotel-stays", "card-disputes"}


def taken_ids():
    ids = set(TAKEN)
    for folder in (
        ROOT / "curricula" / "policies",
        ROOT / "benchmarks" / "policy_holdout" / "policies",
    ):
        ids |= {p.name.split("@")[0].removesuffix(".yaml") for p in folder.glob("*.yaml")}
    other = "policy_facts_sealed" if HERE.name == "policy_facts_open" else "policy_facts_open"
    ids |= {p.stem.split("@")[0] for p in (HERE.parent / other / "policies").glob("*.yaml")}
    return ids


def load_policies(problems):
    out = {}
    taken = taken_ids()
    for path in sorted((HERE / "policies").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("version") != VERSION or str(doc.get("effective")) != EFFECTIVE:
            problems.append(f"{path.name}: version/effective must be {VERSION} / {EFFECTIVE}")
        if path.stem in taken:
            problems.append(f"{path.name}: policy id {path.stem} is already used elsewhere")
        ids = [s["id"] for s in doc["sections"]]
        if len(ids) != len(set(ids)):
            problems.append(f"{path.name}: repeated section id")
        out[f"{path.stem}@{doc['version']}"] = set(ids)
    if len(out) != N_POLICIES:
        problems.append(f"policies/: {len(out)} policies, expected {N_POLICIES}")
    return out


def check_manifest(problems):
    manifest = HERE / "MANIFEST.sha256"
    if not manifest.exists():
        return "open"
    named = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        named.add(name.strip())
        path = HERE / name.strip()
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"MANIFEST.sha256: {name.strip()} differs or is missing")
    present = {
        p.relative_to(HERE).as_posix()
        for p in HERE.rglob("*")
        if p.is_file() and p.name != "MANIFEST.sha256" and "__pycache__" not in p.parts
    }
    for name in sorted(present - named):
        problems.append(f"MANIFEST.sha256: {name} is not in the manifest")
    return "sealed"


def norm(text):
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch != "\u034f")
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def main():
    problems = []
    policies = load_policies(problems)
    state = check_manifest(problems)
    counts = collections.Counter()
    sections_used = collections.Counter()
    seen_ids, seen_replies = set(), {}
    for lang in LANGS:
        path = HERE / "replies" / f"{lang}.jsonl"
        if not path.exists():
            problems.append(f"{path.name}: missing")
            continue
        raw = path.read_text(encoding="utf-8")
        for ch in INVISIBLE:
            if ch in raw:
                problems.append(
                    f"{path.name}: raw U+{ord(ch):04X} in file (write it as a JSON escape)"
                )
        per_file = collections.Counter()
        for n, line in enumerate(raw.splitlines(), 1):
            where = f"{path.name}:{n}"
            if not line.strip():
                problems.append(f"{where}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            if not isinstance(obj, dict) or set(obj) != KEYS:
                fields = sorted(obj) if isinstance(obj, dict) else type(obj)
                problems.append(f"{where}: fields {fields}")
                continue
            if obj["id"] in seen_ids or obj["id"] != f"{PREFIX}-{lang}-{n:03d}":
                problems.append(f"{where}: bad or repeated id {obj['id']}")
            seen_ids.add(obj["id"])
            if obj["language"] != lang:
                problems.append(f"{where}: language {obj['language']}")
            if obj["policy"] not in policies:
                problems.append(f"{where}: unknown policy {obj['policy']}")
            elif obj["section"] not in policies[obj["policy"]]:
                problems.append(f"{where}: section {obj['section']} not in {obj['policy']}")
            else:
                sections_used[(obj["policy"], obj["section"])] += 1
            if obj["label"] not in LABELS:
                problems.append(f"{where}: label {obj['label']}")
            ctx = obj["context"]
            if (
                not isinstance(ctx, list)
                or not ctx
                or any(
                    not (
                        isinstance(t, list)
                        and len(t) == 2
                        and t[0] in ("customer", "agent")
                        and isinstance(t[1], str)
                        and t[1].strip()
                    )
                    for t in ctx
                )
            ):
                problems.append(f"{where}: bad context")
            elif ctx[-1][0] != "customer":
                problems.append(f"{where}: context does not end with the customer")
            for key in ("reply", "why"):
                if not isinstance(obj[key], str) or not obj[key].strip():
                    problems.append(f"{where}: empty {key}")
            key = norm(obj["reply"])
            if key in seen_replies:
                problems.append(f"{where}: same reply as {seen_replies[key]}")
            seen_replies[key] = obj["id"]
            counts[(lang, obj["label"], obj["policy"].split("@")[0])] += 1
            per_file[obj["label"]] += 1
        if sum(per_file.values()) != PER_FILE:
            problems.append(f"{path.name}: {sum(per_file.values())} replies, expected {PER_FILE}")
        for label, least in MIN_PER_LABEL.items():
            if per_file[label] < least:
                problems.append(f"{path.name}: {per_file[label]} {label}, fewer than {least}")
    for pol, secs in policies.items():
        for sec in sorted(secs):
            if not sections_used[(pol, sec)]:
                problems.append(f"no reply on {pol}#{sec}")
    for p in problems:
        print("PROBLEM", p)
    pols = sorted({k[2] for k in counts})
    md = "--markdown" in sys.argv
    total = sum(counts.values())
    print(f"{HERE.name}: {state}")
    if md:
        print("| language | label | " + " | ".join(pols) + " | all |")
        print("|---|---|" + "---:|" * (len(pols) + 1))
    for lang in LANGS:
        for label in LABELS + ["all"]:
            kinds = LABELS if label == "all" else [label]
            row = [sum(counts[(lang, k, p)] for k in kinds) for p in pols]
            if md:
                name = f"**{label}**" if label == "all" else label
                print(f"| {lang} | {name} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
            else:
                print(f"{lang:6} {label:18} " + " ".join(f"{x:4}" for x in row) + f" {sum(row):5}")
    per_label = {name: sum(v for k, v in counts.items() if k[1] == name) for name in LABELS}
    per_pol = {p: sum(v for k, v in counts.items() if k[2] == p) for p in pols}
    if total:
        share = per_label["compliant"] / total
        print(f"\ntotal {total}; per label {per_label}; compliant share {share:.1%}")
    print(f"per policy {per_pol}")
    if "--sections" in sys.argv:
        for (pol, sec), n in sorted(sections_used.items()):
            print(f"  {pol}#{sec}: {n}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
