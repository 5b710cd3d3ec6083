"""The `counterpart` command: validate content, seed demo data, run the app, manage users."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def cmd_validate(args: argparse.Namespace) -> int:
    from curricula.library import validate

    problems = validate([Path(p) for p in args.paths])
    for problem in problems:
        print(problem)
    if not problems:
        print("content is valid", file=sys.stderr)
    return 1 if problems else 0


SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def cmd_schema(args: argparse.Namespace) -> int:
    from curricula.editor_schema import check_schemas, write_schemas

    if args.check:
        stale = check_schemas(SCHEMAS)
        if stale:
            print(
                f"stale editor schemas in {SCHEMAS}: {', '.join(stale)}; "
                "run `counterpart schema` to regenerate them",
                file=sys.stderr,
            )
            return 1
        print(f"editor schemas in {SCHEMAS} are current", file=sys.stderr)
        return 0
    for path in write_schemas(SCHEMAS):
        print(path)
    return 0


def _store():
    from counterpart.config import database_url
    from counterpart.storage.store import Store

    return Store(database_url())


def cmd_seed(args: argparse.Namespace) -> int:
    from counterpart.demo import seed_demo

    created = seed_demo(_store())
    print(f"demo accounts created: {', '.join(created) or 'none (already there)'}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    cmd_seed(args)
    if not APP.exists():
        print(
            f"cannot find the app at {APP}; install with `pip install -e .` from a checkout",
            file=sys.stderr,
        )
        return 1
    os.environ["COUNTERPART_DEMO"] = "1"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
    ]
    os.execv(sys.executable, command)
    return 0  # not reached: the app replaces this process


def cmd_user_add(args: argparse.Namespace) -> int:
    from counterpart.accounts import AccountError, create_user

    password = args.password or getpass.getpass("password: ")
    try:
        user = create_user(_store(), args.username, password, args.role, args.name)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"created {user.username} ({user.role})")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="counterpart", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check persona, policy and curriculum files")
    validate.add_argument("paths", nargs="*", help="files or folders (default: shipped library)")
    validate.set_defaults(run=cmd_validate)
    schema = sub.add_parser("schema", help="regenerate the editor JSON Schemas in schemas/")
    schema.add_argument(
        "--check", action="store_true", help="exit 1 if a schema file is missing or out of date"
    )
    schema.set_defaults(run=cmd_schema)
    sub.add_parser("seed", help="create the demo accounts").set_defaults(run=cmd_seed)
    demo = sub.add_parser("demo", help="create demo accounts and start the app in demo mode")
    demo.add_argument("--port", type=int, default=8501)
    demo.set_defaults(run=cmd_demo)
    user = sub.add_parser("user", help="manage accounts")
    user_sub = user.add_subparsers(dest="action", required=True)
    add = user_sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("trainee", "trainer", "manager"))
    add.add_argument("--name", help="display name")
    add.add_argument("--password", help="(prompted when omitted)")
    add.set_defaults(run=cmd_user_add)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
