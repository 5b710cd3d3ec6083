"""The `counterpart` command: validate content, seed demo data, run the app, manage users."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def cmd_validate(args: argparse.Namespace) -> int:
    from counterpart.content_folders import validate

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

    store = _store()
    created = seed_demo(store)
    print(f"demo accounts created: {', '.join(created) or 'none (already there)'}")
    return _seed_cohort(store, args.cohort, args.seed) if args.cohort else 0


def _seed_cohort(store, trainees: int, seed: int) -> int:
    """Play `trainees` automated trainees through the curricula, unless a cohort exists."""
    from counterpart.demo import seed_demo_cohort
    from curricula.library import load_library

    def progress(done: int, total: int) -> None:
        print(f"\rdemo cohort: {done}/{total} trainees", end="", file=sys.stderr, flush=True)

    summary = seed_demo_cohort(
        store, load_library(), trainees=trainees, seed=seed, progress=progress
    )
    if summary is None:
        print("demo cohort: already there")
        return 0
    print(file=sys.stderr)
    states = ", ".join(f"{n} {state}" for state, n in summary.states.items())
    print(
        f"demo cohort: {summary.trainees} trainees, {summary.sessions} sessions, "
        f"{summary.turns} graded replies, {summary.certificates} certificates ({states})"
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from counterpart.demo import seed_demo

    store = _store()
    seed_demo(store)
    if args.cohort:
        # The first run fills the dashboards; later runs find the cohort and skip this.
        _seed_cohort(store, args.cohort, 0)
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
    from counterpart.accounts import COMMAND_LINE, AccountError, add_account

    password = args.password or getpass.getpass("password: ")
    try:
        user = add_account(
            _store(), COMMAND_LINE, args.username, password, args.role, args.name, args.team
        )
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"created {user.username} ({user.role})")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    from counterpart.accounts import COMMAND_LINE, AccountError, change_role, normal_username

    store = _store()
    found = store.user_with_hash(normal_username(args.username))
    if found is None:
        print(f"error: no user {args.username!r}", file=sys.stderr)
        return 1
    try:
        user = change_role(store, COMMAND_LINE, found[0].id, args.role)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{user.username} is now {user.role}")
    return 0


# From this many rows on, hashing takes long enough (a few tenths of a second a row) that a
# silent terminal looks stuck.
PROGRESS_FROM = 20


def _hashing_progress(total: int):
    if total < PROGRESS_FROM:
        return None
    live = sys.stderr.isatty()
    step = max(1, total // 20)

    def show(done: int, total: int) -> None:
        if live:
            end = "\n" if done == total else ""
            print(f"\rhashing passwords: {done}/{total}", end=end, file=sys.stderr, flush=True)
        elif done % step == 0 or done == total:
            print(f"hashing passwords: {done}/{total}", file=sys.stderr, flush=True)

    return show


def cmd_user_import(args: argparse.Namespace) -> int:
    """Exit 0: everyone imported; 1: problems in the file or on writing (no one imported);
    2: a usage problem (the file cannot be read)."""
    from counterpart.accounts import COMMAND_LINE, AccountError
    from counterpart.user_import import carry_out, check_import

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(
            f"counterpart user import: error: cannot read {args.file}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    store = _store()
    plan = check_import(store, COMMAND_LINE, data, args.file, create_teams=args.create_teams)
    if plan.problems:
        for problem in plan.problems:
            print(problem)
        print(
            f"{len(plan.problems)} problem(s) in {args.file}; no one was imported",
            file=sys.stderr,
        )
        return 1
    try:
        result = carry_out(store, COMMAND_LINE, plan, _hashing_progress(len(plan.rows)))
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for username, password in result.temporary_passwords:
        print(f"{username}\t{password}")
    teams = f"; teams created: {', '.join(result.new_teams)}" if result.new_teams else ""
    print(f"imported {len(result.users)} users from {args.file}{teams}", file=sys.stderr)
    if result.temporary_passwords:
        print(
            f"{len(result.temporary_passwords)} temporary password(s) printed above "
            "(username, tab, password): hand each to its user; they are not shown again",
            file=sys.stderr,
        )
    return 0


def cmd_team_add(args: argparse.Namespace) -> int:
    from counterpart.accounts import COMMAND_LINE, AccountError
    from counterpart.teams import create_team

    try:
        team = create_team(_store(), COMMAND_LINE, args.name)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"created team {team.name}")
    return 0


def cmd_team_list(args: argparse.Namespace) -> int:
    from counterpart.accounts import COMMAND_LINE
    from counterpart.teams import roster

    found = roster(_store(), COMMAND_LINE)
    names = {u.id: u.username for u in found.users}
    for team in found.teams:
        members = sum(1 for u in found.users if u.team_id == team.id)
        managers = ", ".join(names[i] for i in found.managers.get(team.id, [])) or "none"
        print(f"{team.name}\t{members} member(s)\tmanagers: {managers}")
    if not found.teams:
        print("no teams yet; add one with `counterpart team add NAME`", file=sys.stderr)
    return 0


def cmd_team_manager(args: argparse.Namespace) -> int:
    from counterpart.accounts import COMMAND_LINE, AccountError, normal_username
    from counterpart.teams import roster, set_team_managers, team_named

    store = _store()
    team = team_named(store, args.team)
    found = store.user_with_hash(normal_username(args.username))
    if team is None or found is None:
        missing = f"team {args.team!r}" if team is None else f"user {args.username!r}"
        print(f"error: no {missing}", file=sys.stderr)
        return 1
    user = found[0]
    managers = set(roster(store, COMMAND_LINE).managers.get(team.id, []))
    managers = managers - {user.id} if args.remove else managers | {user.id}
    try:
        set_team_managers(store, COMMAND_LINE, team.id, managers)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    done = "no longer manages" if args.remove else "manages"
    print(f"{user.username} {done} {team.name}")
    return 0


IMPORT_HELP = """\
Import users from a CSV file (UTF-8, with or without a byte-order mark). The first line is
the header and names these five columns, in any order:

  username      2-80 lowercase letters, digits, '.', '_' or '-' (capitals are lowered)
  display_name  the name people see (empty: the username)
  role          trainee, trainer, manager, qa or admin
  team          a team's name, any case (empty: no team); a team that does not exist is a
                problem unless --create-teams is given
  password      at least 8 characters; empty: a temporary password is made for the user

Example:

  username,display_name,role,team,password
  li.wei,Li Wei,trainee,Shanghai Nights,
  ana,Ana Souza,manager,Shanghai Nights,correct-horse-42

Every row is checked before anything is written. Each problem is printed on stdout as
FILE:LINE: column: what is wrong (line 1 is the header); if there is any, no one is
imported. Otherwise all users (and any new teams) are written in one transaction, and each
temporary password is printed on stdout as a line "username<TAB>password": hand them out,
they are not shown again. Given passwords are never printed.

Exit status: 0 all imported; 1 problems (no one imported); 2 usage (the file cannot be read).
"""


def _policy_files(paths: list[str]) -> list:
    """The policies in the given files and folders, concept ids checked; ContentError lists
    every problem of every file as FILE:LINE: message."""
    from counterpart.policy_concepts import policy_checks
    from curricula.library import load_policy
    from personas.source import ContentError

    checks, problems = policy_checks()
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(path.glob("*.yaml"))
        else:
            files.append(path)
    policies = []
    for file in files:
        try:
            policies.append(load_policy(file, checks))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return policies


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade a JSONL file of replies; exit 0 when every line was graded, 2 when one was not,
    1 for a usage problem (nothing read)."""
    from counterpart import transcript_grading as tg
    from personas.source import ContentError

    def usage(message: str) -> int:
        print(f"counterpart grade: error: {message}", file=sys.stderr)
        return 1

    if not args.input:
        return usage("--input FILE is required (use --input - to read stdin)")
    if args.policy and args.policy_file:
        return usage("give --policy or --policy-file, not both")
    try:
        sla_seconds = float(args.sla_seconds)
    except ValueError:
        sla_seconds = float("nan")
    if not (0 < sla_seconds < float("inf")):
        return usage(f"--sla-seconds must be a number above 0, got {args.sla_seconds!r}")
    judge = None
    if args.judge:
        try:
            from counterpart.llm_gateway import LLMGateway
            from counterpart.llm_judge import LLMJudge
            from counterpart.llm_settings import load_llm_settings
        except ImportError:
            return usage("the LLM judge is not available yet")
        try:
            settings = load_llm_settings()
        except ValueError as exc:
            return usage(f"--judge: {exc}")
        if settings is None:
            return usage(
                "--judge needs an LLM: set COUNTERPART_LLM_BASE_URL and/or "
                "COUNTERPART_LLM_API_KEY (or [llm] in .streamlit/secrets.toml)"
            )
        judge = LLMJudge(LLMGateway(settings))
    catalog = tg.PolicyCatalog(tg.policy_library())
    default_policy = None
    if args.policy_file:
        try:
            loaded = _policy_files(args.policy_file)
        except ContentError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return 1
        if not loaded:
            named = ", ".join(args.policy_file)
            return usage(f"--policy-file: no policy files (*.yaml) in {named}")
        for policy in loaded:
            catalog.add(policy)
        # One policy grades every line; with several, each line names its own.
        default_policy = loaded[0] if len(loaded) == 1 else None
    elif args.policy:
        try:
            default_policy = catalog.resolve(args.policy)
        except tg.UnknownPolicy as exc:
            return usage(f"--policy: {exc}")
    if args.input == "-":
        source = sys.stdin.buffer
    else:
        try:
            source = open(args.input, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            return usage(f"cannot read input file {args.input}: {exc.strerror}")
    try:
        sink = open(args.output, "wb") if args.output else sys.stdout.buffer  # noqa: SIM115
    except OSError as exc:
        source.close()
        return usage(f"cannot write output file {args.output}: {exc.strerror}")
    tally = tg.Tally()
    try:
        records = tg.grade_stream(
            tg.read_lines(source), catalog, default_policy, sla_seconds, judge, tally
        )
        for record in records:
            sink.write(tg.to_json_line(record))
        sink.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining
        # about the unflushed stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    finally:
        for stream in (source, sink):
            if stream not in (sys.stdin.buffer, sys.stdout.buffer):
                stream.close()
    name = "stdin" if args.input == "-" else args.input
    if tally.graded + tally.errors == 0:
        print(f"counterpart grade: {name} has no replies to grade (it is empty)", file=sys.stderr)
        return 2
    failed = (
        f"; {tally.errors} could not be graded (see their error records)" if tally.errors else ""
    )
    print(
        f"graded {tally.graded} of {tally.graded + tally.errors} lines from {name}{failed}",
        file=sys.stderr,
    )
    return 0 if tally.errors == 0 else 2


def _policy_arg(library, value: str):
    """A policy named by file path or by ID / ID@VERSION; exits with the problem otherwise."""
    from curricula.library import load_policy
    from personas.source import ContentError

    path = Path(value)
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            return load_policy(path)
        except ContentError as exc:
            print(exc, file=sys.stderr)
            raise SystemExit(1) from exc
    policy = library.policy(value)
    if policy is None:
        known = ", ".join(sorted(library.policies)) or "none"
        print(f"no policy {value!r} (give a file, or ID / ID@VERSION of: {known})", file=sys.stderr)
        raise SystemExit(1)
    return policy


def cmd_policy_diff(args: argparse.Namespace) -> int:
    from curricula.library import load_library
    from curricula.policy_diff import impact

    library = load_library()
    old, new = _policy_arg(library, args.old), _policy_arg(library, args.new)
    found = impact(old, new, library.curricula.values(), library.personas)
    print(f"{old.ref} -> {new.ref}")
    if not found.changes:
        print("no section changed")
        return 0
    for change in found.changes:
        print(f"  {change.change}: {change.section_id}")
        for detail in change.details:
            print(f"    {detail}")
    print("lessons touched: " + (", ".join(found.lessons) or "none"))
    print("certificates needing a refresh: " + (", ".join(found.certificates) or "none"))
    return 0


def parser() -> argparse.ArgumentParser:
    from counterpart.accounts import ROLES

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
    policy = sub.add_parser("policy", help="policy versions")
    policy_sub = policy.add_subparsers(dest="action", required=True)
    diff = policy_sub.add_parser(
        "diff",
        help="what changes between two policy versions, and the lessons and "
        "certificates it touches",
    )
    diff.add_argument("old", help="policy file, or ID@VERSION")
    diff.add_argument("new", help="policy file, or ID / ID@VERSION")
    diff.set_defaults(run=cmd_policy_diff)
    seed = sub.add_parser(
        "seed", help="create the demo accounts (with --cohort, a demo cohort as well)"
    )
    seed.add_argument(
        "--cohort", type=int, default=0, metavar="N", help="also play N automated trainees"
    )
    seed.add_argument("--seed", type=int, default=0, help="random seed of the cohort")
    seed.set_defaults(run=cmd_seed)
    demo = sub.add_parser("demo", help="create demo accounts and start the app in demo mode")
    demo.add_argument("--port", type=int, default=8501)
    demo.add_argument(
        "--cohort",
        type=int,
        default=12,
        metavar="N",
        help="demo cohort size on the first run (0 for none)",
    )
    demo.set_defaults(run=cmd_demo)
    user = sub.add_parser("user", help="manage accounts")
    user_sub = user.add_subparsers(dest="action", required=True)
    add = user_sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="display name")
    add.add_argument("--team", help="the team the user joins (it must exist)")
    add.add_argument("--password", help="(prompted when omitted)")
    add.set_defaults(run=cmd_user_add)
    role = user_sub.add_parser("role", help="give an account another role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(run=cmd_user_role)
    bulk = user_sub.add_parser(
        "import",
        help="create many accounts from a CSV file",
        description=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bulk.add_argument("file", metavar="FILE.csv")
    bulk.add_argument(
        "--create-teams", action="store_true", help="create the teams the file names that are new"
    )
    bulk.set_defaults(run=cmd_user_import)
    team = sub.add_parser("team", help="manage teams and who manages them")
    team_sub = team.add_subparsers(dest="action", required=True)
    team_add = team_sub.add_parser("add", help="create a team")
    team_add.add_argument("name")
    team_add.set_defaults(run=cmd_team_add)
    team_sub.add_parser("list", help="teams, their size and managers").set_defaults(
        run=cmd_team_list
    )
    manager = team_sub.add_parser(
        "manager", help="make a user (role manager) a manager of a team, who then sees its trainees"
    )
    manager.add_argument("team")
    manager.add_argument("username")
    manager.add_argument("--remove", action="store_true", help="stop them managing the team")
    manager.set_defaults(run=cmd_team_manager)
    grade = sub.add_parser(
        "grade",
        help="grade a JSONL file of replies (QA transcripts)",
        description="Grade one reply per JSONL line for empathy, policy and speed; one JSON "
        "result per line, in order. Exit 0: all graded; 2: some lines could not be graded "
        "(each has an error record) or the input was empty; 1: a usage problem.",
    )
    grade.add_argument(
        "--input", metavar="FILE", help="JSONL file of replies, or - for stdin (required)"
    )
    grade.add_argument("--output", metavar="FILE", help="where to write results (default: stdout)")
    grade.add_argument(
        "--policy", metavar="ID[@VERSION]", help="policy for lines that do not name one"
    )
    grade.add_argument(
        "--policy-file",
        metavar="PATH",
        action="append",
        help="a policy YAML file, or a folder of them, to grade against instead of the library; "
        "repeat it for several (then each line names its policy as ID or ID@VERSION)",
    )
    grade.add_argument(
        "--sla-seconds", default="60", metavar="SECONDS", help="reply-time target (default: 60)"
    )
    grade.add_argument("--judge", action="store_true", help="also ask the LLM judge")
    grade.set_defaults(run=cmd_grade)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
