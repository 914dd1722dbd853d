"""Command line: `python -m japan_russia_numbers run [--sources DIR --out DIR] [--check-drift]`."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from .runner import StudyError, changed_outputs, describe_os_error, run_study
from .sources import SourceError
from .studyfolder import FolderError

# `make study SOURCES=... OUT=... PARAMS=...` hands its variables over in these, unexpanded and
# unquoted, so that neither make nor the shell ever interprets a path.
ENVIRONMENT = {"sources": "STUDY_SOURCES", "out": "STUDY_OUT", "params": "STUDY_PARAMS"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m japan_russia_numbers")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every notebook of the study, in order")
    run.add_argument("--sources", help="folder of .txt sources (default: the study's seeds/)")
    run.add_argument("--out", help="write notebooks, data and figures here instead of in place")
    run.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                     help="set a notebook parameter, e.g. codebook_file=my_codebook.csv (needs --out)")
    run.add_argument("--check-drift", action="store_true",
                     help="after an in-place run, fail if any committed output changed")
    run.add_argument("--from-environment", action="store_true",
                     help="take SOURCES, OUT and PARAMS from " + ", ".join(ENVIRONMENT.values()))
    args = parser.parse_args(argv)
    if args.from_environment:
        args.sources = os.environ.get(ENVIRONMENT["sources"]) or args.sources
        args.out = os.environ.get(ENVIRONMENT["out"]) or args.out
        try:
            args.param += shlex.split(os.environ.get(ENVIRONMENT["params"], ""))
        except ValueError as error:
            parser.error(f"PARAMS: {error}")
    if bool(args.sources) != bool(args.out) or (args.param and not args.out):
        parser.error("--sources and --out go together, and --param needs them: "
                     "a new corpus or new parameters never overwrite the committed study")
    extra = {}
    for item in args.param:
        name, _, value = item.partition("=")
        if not name.isidentifier() or not value:
            parser.error(f"--param {item!r}: expected NAME=VALUE")
        extra[name] = str(Path(value).resolve()) if Path(value).exists() else value
    try:
        run_study(args.sources, args.out, extra_parameters=extra)
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


if __name__ == "__main__":
    sys.exit(main())
