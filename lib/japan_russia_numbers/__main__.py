"""Command line: `python -m japan_russia_numbers run [--sources DIR --out DIR] [--force] [--check-drift]`,
`python -m japan_russia_numbers site [--sources DIR --out DIR]` and
`python -m japan_russia_numbers lab [-- JUPYTER LAB FLAGS]`."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from . import runner, studyfolder
from .runner import StudyError, changed_outputs, describe_os_error, run_study
from .sources import SourceError
from .studyfolder import FolderError

# `make study SOURCES=... OUT=... PARAMS=... WORKERS=... SCHEDULER=... FORCE=1` hands its variables
# over in these, unexpanded and unquoted, so that neither make nor the shell ever interprets a path.
ENVIRONMENT = {"sources": "STUDY_SOURCES", "out": "STUDY_OUT", "params": "STUDY_PARAMS",
               "workers": "STUDY_WORKERS", "scheduler": "STUDY_SCHEDULER", "force": "STUDY_FORCE"}
LAB_ENVIRONMENT = "STUDY_LAB_ARGS"  # `make lab LAB_ARGS='--no-browser --port 8899'`


def _workers(text: str) -> int:
    """WORKERS / --workers: a number of processes, 0 for one per core."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of worker processes (0: one per core)")
    return int(text)


def lab_command(uid: int, extra_args: list[str]) -> list[str]:
    """`jupyter lab` on the notebooks, with --allow-root for root (uid 0; JupyterLab refuses to run as
    root without it), then any flags of the user's own (LAB_ARGS)."""
    return [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={runner.NOTEBOOKS_DIR}",
            *(["--allow-root"] if uid == 0 else []), *extra_args]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """A bad command line is refused in one line, like every other problem."""
        self.exit(2, f"error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m japan_russia_numbers")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every notebook of the study, in order")
    run.add_argument("--sources", help="folder of .txt sources (default: the study's seeds/)")
    run.add_argument("--out", help="write notebooks, data and figures here instead of in place")
    run.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                     help="set a notebook parameter, e.g. codebook_file=my_codebook.csv (needs --out)")
    run.add_argument("--workers", type=_workers, metavar="N",
                     help="worker processes for the per-document work (0: one per core)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler to run it on, e.g. tcp://host:8786")
    run.add_argument("--force", action="store_true",
                     help="rerun every notebook, also those whose inputs have not changed since the last run")
    run.add_argument("--check-drift", action="store_true",
                     help="rerun every notebook in place, then fail if any committed output changed")
    run.add_argument("--from-environment", action="store_true",
                     help="take SOURCES, OUT, PARAMS, WORKERS, SCHEDULER and FORCE from "
                          + ", ".join(ENVIRONMENT.values()))
    lab = commands.add_parser("lab", help="open JupyterLab on the notebooks")
    lab.add_argument("lab_args", nargs="*", metavar="FLAG",
                     help="more jupyter lab flags, after --: lab -- --no-browser --port 8899")
    lab.add_argument("--from-environment", action="store_true", help=f"take LAB_ARGS from {LAB_ENVIRONMENT}")
    site = commands.add_parser("site", help="build the rendered study (HTML) from a run's outputs")
    site.add_argument("--sources", help="the run's folder of sources (default: the study's seeds/)")
    site.add_argument("--out", help="the run's OUT folder; the site is built in OUT/site (default: site/)")
    site.add_argument("--from-environment", action="store_true",
                      help=f"take SOURCES and OUT from {ENVIRONMENT['sources']} and {ENVIRONMENT['out']}")
    args = parser.parse_args(argv)
    if args.command == "lab":
        return _lab(parser, args)
    if args.command == "site":
        return _site(parser, args)
    if args.from_environment:
        environ = {key: os.environ.get(name, "") for key, name in ENVIRONMENT.items()}
        args.sources = environ["sources"] or args.sources
        args.out = environ["out"] or args.out
        args.scheduler = environ["scheduler"] or args.scheduler
        args.force = args.force or environ["force"] not in ("", "0")
        try:
            args.param += shlex.split(environ["params"])
        except ValueError as error:
            parser.error(f"PARAMS: {error}")
        try:
            args.workers = _workers(environ["workers"]) if environ["workers"] else args.workers
        except argparse.ArgumentTypeError as error:
            parser.error(f"WORKERS: {error}")
    if bool(args.sources) != bool(args.out) or (args.param and not args.out):
        parser.error("--sources and --out go together, and --param needs them: "
                     "a new corpus or new parameters never overwrite the committed study")
    extra = {}
    for item in args.param:
        name, _, value = item.partition("=")
        if not name.isidentifier() or not value:
            parser.error(f"--param {item!r}: expected NAME=VALUE")
        extra[name] = str(Path(value).resolve()) if Path(value).exists() else value
    # How the work is spread, not what it finds: these reach the notebooks that define them, in place too.
    how = {name: value for name, value in (("workers", args.workers), ("scheduler", args.scheduler))
           if value not in (None, "")}
    try:
        run_study(args.sources, args.out, extra_parameters=extra, how=how,
                  force=args.force or args.check_drift)  # a drift check reruns everything, always
    except (SourceError, FolderError, StudyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1 if isinstance(error, StudyError) else 2
    except OSError as error:  # read-only or full disk, a name too long: where, and what
        print(f"error: {describe_os_error(error)}", file=sys.stderr)
        return 2
    if args.check_drift:
        changed = changed_outputs()
        if changed is None:
            print("warning: not a git checkout, so there are no committed outputs to compare; "
                  "drift check skipped", file=sys.stderr)
            return 0
        if changed:
            print("error: the rerun changed committed outputs (commit them if the change is "
                  "intended):\n  " + "\n  ".join(changed), file=sys.stderr)
            return 1
        print("no drift: the rerun reproduced every committed output byte for byte")
    return 0


def _site(parser: argparse.ArgumentParser, args) -> int:
    from .site import SiteError, build_site

    if args.from_environment:
        args.sources = os.environ.get(ENVIRONMENT["sources"], "") or args.sources
        args.out = os.environ.get(ENVIRONMENT["out"], "") or args.out
    if bool(args.sources) != bool(args.out):
        parser.error("--sources and --out go together: the site of a run on another corpus is built from "
                     "that run's OUT and the sources it read")
    project = runner.PROJECT_ROOT
    result = Path(args.out).resolve() if args.out else project
    if args.out and not (result / studyfolder.MARKER).is_file():
        print(f"error: {result}: not a folder a study run made (no {studyfolder.MARKER}); "
              "run `make study SOURCES=... OUT=...` first", file=sys.stderr)
        return 2
    sources = Path(args.sources).resolve() if args.sources else project / "seeds"
    try:
        build_site(result, sources, result / "site", in_place=not args.out, project_root=project)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {describe_os_error(error)}", file=sys.stderr)
        return 2
    return 0


def _lab(parser: argparse.ArgumentParser, args) -> None:
    extra = args.lab_args
    if args.from_environment:
        try:
            extra = shlex.split(os.environ.get(LAB_ENVIRONMENT, "")) + extra
        except ValueError as error:
            parser.error(f"LAB_ARGS: {error}")
    command = lab_command(os.geteuid(), extra)
    os.execv(command[0], command)  # JupyterLab takes over this process: its output, Ctrl-C, exit status


if __name__ == "__main__":
    sys.exit(main())
