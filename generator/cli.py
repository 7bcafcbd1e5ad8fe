"""The command line: build the outputs, or check the content."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .builders import BUILDERS
from .checks import Report
from .content import DEFAULT_BRAND, DEFAULT_CONTENT
from .editions import load_editions
from .errors import ContentError, UserError

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Build the flyer, handout and other teaching materials from one content file.

The words live in content/harm-reduction.yaml and the colours and fonts in
content/brand.yaml. Edit those files, then run `build`.
"""

EPILOG = """\
examples:
  python -m generator build                 build every output into output/
  python -m generator build --only flyer    build just the flyer
  python -m generator check                 check the content and outputs, write nothing
  python -m generator verify                confirm every file in output/ is complete

If something in the content is wrong, nothing is built and each problem is
printed with the file and line to fix, e.g.
  content/harm-reduction.yaml:42: comparison.rows[3].harm_reduction: must not be empty
"""


def parser(prog: str = "teaching-materials") -> argparse.ArgumentParser:
    """Return the parser of the command line, which calls itself `prog` in its messages."""
    main = argparse.ArgumentParser(
        prog=prog,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # Columns as wide as the longest name and file name, so the descriptions line up.
    name_width = max(len(b.name) for b in BUILDERS.values())
    file_width = max(len(b.filename) for b in BUILDERS.values())
    outputs = "\n".join(f"  {b.name:<{name_width}} {b.filename:<{file_width}} {b.description}"
                        for b in BUILDERS.values())
    build = commands.add_parser(
        "build",
        help="check the content and build the outputs",
        description="Check the content, then build the outputs. The files already in the output\n"
        "folder are replaced only when every output was built without a problem.",
        epilog=f"outputs:\n{outputs}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _content_arguments(build)
    build.add_argument("--out", metavar="DIR", type=Path, default=Path("output"),
                       help="the folder to write the outputs to (default: output)")
    build.add_argument("--only", metavar="NAME", nargs="+", action="extend",
                       help=f"build only these outputs, one or more of: {', '.join(BUILDERS)}")
    build.add_argument("--lang", metavar="CODE", nargs="+", action="extend",
                       help="build only these languages, e.g. en or es (default: the English content and every "
                            "translation beside it, such as harm-reduction.es.yaml; translations go to DIR/CODE/)")

    check = commands.add_parser(
        "check",
        help="check the content and outputs without writing anything",
        description="Check the content for stigmatising language, reading level, typing slips and\n"
        "spelling, the brand colours for contrast, and every output (built in a temporary\n"
        "folder) for accessibility. Errors, then warnings, are listed with file and line.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _content_arguments(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too, not only on errors")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text for people (the default) or json for scripts")

    verify = commands.add_parser(
        "verify",
        help="open the built outputs and confirm each shows what it must",
        description="Open every output in DIR with a PDF or PowerPoint reader and confirm that it\n"
        "shows what it must (every principle, the authors, and every word where the output\n"
        "promises it), has the right pages or slides, and is small enough to e-mail.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verify.add_argument("folder", metavar="DIR", type=Path, nargs="?", default=Path("output"),
                        help="the folder the outputs were built into (default: output)")
    # CONTENT is an option here, since the positional is the folder.
    verify.add_argument("--content", metavar="FILE", type=Path, default=DEFAULT_CONTENT,
                        help=f"the content file the outputs were built from (default: {DEFAULT_CONTENT})")
    verify.add_argument("--brand", metavar="FILE", type=Path, default=DEFAULT_BRAND,
                        help=f"the brand file with colours and fonts (default: {DEFAULT_BRAND})")
    return main


def _content_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("content", metavar="CONTENT", type=Path, nargs="?", default=DEFAULT_CONTENT,
                         help=f"the content file (default: {DEFAULT_CONTENT})")
    command.add_argument("--brand", metavar="FILE", type=Path, default=DEFAULT_BRAND,
                         help=f"the brand file with colours and fonts (default: {DEFAULT_BRAND})")


def main(argv: list[str] | None = None, prog: str = "teaching-materials") -> int:
    """Run the command line and return its exit status."""
    from .build import choose_builders

    command_line = parser(prog)
    arguments = command_line.parse_args(argv)
    if arguments.command == "build":
        try:
            choose_builders(arguments.only)
        except UserError as error:
            command_line.error(str(error))  # exits with status 2
    json_wanted = getattr(arguments, "format", "text") == "json"
    try:
        editions = load_editions(arguments.content, arguments.brand, getattr(arguments, "lang", None))
        if arguments.command == "check":
            return run_check(editions, arguments.strict, json_wanted)
        if arguments.command == "verify":
            return run_verify(editions, arguments.folder)
        return run_build(editions, arguments.out, arguments.only)
    except ContentError as error:
        count = len(error.problems)
        found = f"{count} problem{'s' if count != 1 else ''} found"
        if json_wanted:
            print(json.dumps({"summary": {"errors": count, "warnings": 0, "acknowledged": 0},
                              "errors": [dict(asdict(problem), rule="content") for problem in error.problems],
                              "warnings": [], "acknowledged": []}, indent=2, ensure_ascii=False))
        else:
            print(error, file=sys.stderr)
            print(f"{found}; nothing was built." if arguments.command == "build" else f"{found}.", file=sys.stderr)
        return EXIT_PROBLEM
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEM


def check_editions(editions) -> Report:
    """Return the report of every edition's content, and of each translation against the English."""
    from .checks import Report, check_content
    from .translation import translation_findings

    report, source = Report(), editions[0]
    for material in editions:
        report.extend(check_content(material))
        if material.translation is not None and source.translation is None:
            report.add(translation_findings(source, material))
    return report


def run_check(editions, strict: bool, json_wanted: bool) -> int:
    """Check the content, build every output in a temporary folder and audit it; print the report."""
    import dataclasses
    import tempfile

    from .build import choose_builders, write_outputs
    from .checks import ERROR, Finding, audit_outputs
    from .errors import BuildError

    report = check_editions(editions)
    for material in editions:
        subfolder = subfolder_of(material)
        with tempfile.TemporaryDirectory(prefix="check-") as folder:
            try:
                write_outputs(material, Path(folder), choose_builders(None))
                report.add([dataclasses.replace(finding, file=str(Path(subfolder) / finding.file))
                            for finding in audit_outputs(Path(folder), material)])
            except BuildError as error:
                report.add([Finding(rule="build", severity=ERROR, file=material.source, line=None, field="",
                                    message=str(error), suggestion="fix what the message names, then check again")])
    print(report.as_json() if json_wanted else report.as_text())
    return EXIT_PROBLEM if report.fails(strict) else EXIT_OK


def run_verify(editions, out: Path) -> int:
    """Open every output of every edition, print what each shows or lacks, and fail if any falls short."""
    from .verify import verdict_table, verify_folder

    build_first = "build the outputs first with `python -m generator build`"
    if not out.is_dir():
        wrong = "is not a folder" if out.exists() else "does not exist"
        print(f"error: {out} {wrong}; {build_first}", file=sys.stderr)
        return EXIT_PROBLEM
    passed, found = True, False
    for material in editions:
        folder = out / subfolder_of(material)
        verdicts = verify_folder(folder, material) if folder.is_dir() else []
        if not verdicts:
            continue
        found = True
        if subfolder_of(material):
            print(f"{folder}/ ({material.document.language}):")
        print(verdict_table(verdicts))
        passed = passed and all(verdict.passed for verdict in verdicts)
    if not found:
        names = ", ".join(builder.filename for builder in BUILDERS.values())
        print(f"error: {out} holds none of the outputs ({names}); {build_first}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK if passed else EXIT_PROBLEM


def run_build(editions, out: Path, only: list[str] | None) -> int:
    """Check every edition, refuse to build on errors, then build them all and say what was written."""
    from .build import build_editions

    report = check_editions(editions)
    if report.errors or report.warnings:
        print(report.as_text(), file=sys.stderr)
    if report.fails():
        print("Nothing was built: fix the errors above first.", file=sys.stderr)
        return EXIT_PROBLEM
    built = build_editions([(material, subfolder_of(material)) for material in editions], out, only)
    for finding in built.warnings:
        print(f"warning: {finding}", file=sys.stderr)
    for path in built.paths + built.manifests:
        print(f"wrote {_shown(path)}")
    return EXIT_OK


def subfolder_of(material) -> str:
    """Return the output subfolder of an edition: the English source at the top, a translation by its language."""
    from .editions import language_code

    return "" if material.translation is None else language_code(material)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
