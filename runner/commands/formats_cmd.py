"""List the formats `alur import` reads, with the files each looks for and an example.

alur formats                 every format
alur formats whatsapp        one format's full help (same as `alur import whatsapp --help`)
"""

from __future__ import annotations

import argparse

from alur.runner import importers
from alur.runner.errors import ExitCode


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", nargs="?", metavar="FORMAT", help="show this format's full description")


def run(args: argparse.Namespace) -> int:
    if args.format:
        importer = importers.get(args.format)  # an unknown name lists the known ones
        print(f"alur import {importer.NAME}: {importer.SUMMARY}\n")
        print((importer.__doc__ or "").strip())
        return ExitCode.OK
    rows = [importers.get(name) for name in importers.names()]
    width = max(len(importer.NAME) for importer in rows)
    for importer in rows:
        print(f"{importer.NAME:<{width}}  {importer.SUMMARY}")
        print(f"{'':<{width}}  files: {', '.join('*' + ext for ext in importer.EXTENSIONS)}")
        print(f"{'':<{width}}  e.g.   {importer.EXAMPLE}")
    print("\nRun `alur import FORMAT --help` or `alur formats FORMAT` for a format's options.")
    return ExitCode.OK
