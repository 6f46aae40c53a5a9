"""Check flow files: schema errors and lint rules, every problem of every file.

PATH may be a file, a folder (every *.flow.yaml below it) or a glob pattern.
Exit status: 0 clean or warnings only, 1 errors, 2 unusable input (a path
that does not exist, no flow files, a file that is not YAML or not a flow).
Configuration: .alur.yaml or [tool.alur] in pyproject.toml (see `alur rules`);
silence one finding with a `# alur: ignore[CODE]` comment on its line.
"""

from __future__ import annotations

import argparse
import os
import sys

from alur.runner.errors import ExitCode, InputError


def configure(parser: argparse.ArgumentParser) -> None:
    from alur.runner.reports.check import REPORTERS

    parser.add_argument("paths", nargs="+", metavar="PATH", help="flow files, folders or glob patterns")
    parser.add_argument(
        "--format",
        choices=tuple(REPORTERS),
        help="output format (default: text; github when GITHUB_ACTIONS is set)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="configuration file (default: nearest .alur.yaml or pyproject.toml)"
    )
    parser.add_argument("--select", metavar="CODES", help="run only these rules (comma-separated codes)")
    parser.add_argument("--ignore", metavar="CODES", help="skip these rules (comma-separated codes)")
    from alur.runner.baseline import add_options

    add_options(parser)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from alur.flows.check import check_paths
    from alur.flows.config import ConfigError, load_config, parse_config
    from alur.runner.reports import color_wanted
    from alur.runner.reports.check import REPORTERS, summary

    try:
        config = load_config(args.config)
        flags = {key: _codes(value) for key, value in (("select", args.select), ("ignore", args.ignore)) if value}
        if flags:
            given = parse_config(flags, "--select/--ignore")
            config = replace(
                config,
                select=given.select if given.select is not None else config.select,
                ignore=config.ignore | given.ignore,
            )
    except ConfigError as error:
        raise InputError(str(error)) from None
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") else "text")
    color = fmt == "text" and color_wanted(sys.stdout)
    reporter = REPORTERS[fmt](sys.stdout, color)
    errors = warnings = files = 0
    unusable = False
    diagnostics = []
    for result in check_paths(args.paths, config):
        diagnostics.extend(result.diagnostics)
        reporter.add(result)
        sys.stdout.flush()
        errors, warnings, files = errors + result.errors, warnings + result.warnings, files + result.is_file
        unusable = unusable or result.unusable
    reporter.finish()
    print(summary(errors, warnings, files), file=sys.stderr)
    if unusable:
        return ExitCode.UNUSABLE
    if args.baseline or args.write_baseline:
        from alur.runner.baseline import apply, of_diagnostics

        verdict = apply("check", of_diagnostics(diagnostics), args.baseline, args.write_baseline)
        if verdict is not None:
            return ExitCode.FINDINGS if verdict else ExitCode.OK
    if errors:
        return ExitCode.FINDINGS
    return ExitCode.OK


def _codes(text: str | None) -> list[str]:
    return [code.strip() for code in (text or "").split(",") if code.strip()]
