"""``python -m comptoir.core.build [--strict] [SETTINGS]``: build, print problems, exit 1 on failure."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .apart import build_apart


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comptoir.core.build", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--strict", action="store_true", help="count warnings as errors")
    parser.add_argument("--preview", action="store_true", help="also build drafts, marked")
    parser.add_argument("--stats", metavar="FILE", help="write the build's figures as JSON")
    args = parser.parse_args(argv)
    overrides = {"COMPTOIR_PREVIEW": True} if args.preview else None
    try:
        result = build_apart(
            args.settings, strict=args.strict, overrides=overrides, skip_unchanged=True
        )
    except KeyboardInterrupt:  # Ctrl-C: the build stopped, the previous site stays
        return 130
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    print(result.summary, file=sys.stderr if not result.ok else sys.stdout)
    if args.stats:
        Path(args.stats).write_text(json.dumps(result.stats, indent=2), encoding="utf-8")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
