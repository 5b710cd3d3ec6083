"""Labelled evaluation sets: reading their JSONL files, and sealing them (a folder with a
`MANIFEST.sha256` may not change).

A set that was tuned against is no longer a measurement, so a benchmark checks the manifest
before it counts anything, and says in its output whether the figures come from a sealed set.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def read_jsonl(files: list[Path]) -> list[dict]:
    """One dict per non-empty line of the files, each with `where` (FILE:LINE)."""
    rows = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["where"] = f"{path.name}:{number}"
                rows.append(row)
    return rows


def check_seal(folder: Path) -> str:
    """'sealed' when every file named in MANIFEST.sha256 matches it; 'open' without one.
    Raises SystemExit naming the first file that differs or is missing."""
    manifest = folder / "MANIFEST.sha256"
    if not manifest.exists():
        return "open"
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        path = folder / name.strip()
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise SystemExit(f"{path}: differs from {manifest.name}; the sealed set was changed")
    return "sealed"


def write_manifest(folder: Path) -> Path:
    """Seal a folder: the digest of every file in it (but the manifest), sorted by path."""
    manifest = folder / "MANIFEST.sha256"
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path != manifest
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(write_manifest(Path(name)))
