"""The command line: build the outputs, or check the content."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .builders import BUILDERS
from .catalogue import CATALOGUE
from .content import DEFAULT_BRAND, find_materials
from .editions import load_editions
from .parallel import cores
from .errors import ContentError, UserError

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Build the flyer, handout, deck and other outputs of every teaching material.

Each material is one YAML file in content/ (content/harm-reduction.yaml, ...);
the colours and fonts are in content/brand.yaml. Edit those files, then run
`build`. Start a new material with `new NAME`.
"""

EPILOG = """\
examples:
  python -m generator build                 build every output of every material into output/
  python -m generator build harm-reduction  build one material, into output/harm-reduction/
  python -m generator new naloxone          start content/naloxone.yaml from a skeleton
  python -m generator build --sites content/sites.yaml
                                            also build a flyer for every site
  python -m generator watch                 rebuild whenever a content or template file is saved
  python -m generator serve                 see the outputs in a browser, reloaded as files are saved
  python -m generator build --only flyer    build just the flyer
  python -m generator check                 check the content and outputs, write nothing
  python -m generator check --report        also write a clear communication report of each material,
                                            output/NAME/report/report.html (CDC Index and PEMAT-P)
  python -m generator verify                confirm every file in output/ is complete

If something in the content is wrong, nothing is built and each problem is
printed with the file and line to fix, e.g.
  content/harm-reduction.yaml:42: sections[2].blocks[1].table.rows[3][2]: must not be empty
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
    _build_arguments(build)

    watch = commands.add_parser(
        "watch",
        help="build, then rebuild what changed each time a content or template file is saved",
        description="Build what changed, then keep watching the content folder, the sites file and the\n"
        "templates; each time one is saved, rebuild the outputs it affects and say what was\n"
        "rebuilt, or what is wrong. Stop with Ctrl+C.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_arguments(watch)

    serve = commands.add_parser(
        "serve",
        help="show the outputs in a browser, rebuilt and reloaded each time a file is saved",
        description="Build what changed, serve the output folder on this computer, and rebuild as `watch`\n"
        "does; a page open in the browser reloads after each build. Stop with Ctrl+C.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_arguments(serve)
    serve.add_argument("--port", type=int, default=8000, help="the port to serve on (default 8000; 0 for any free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to serve on (default 127.0.0.1: this computer only)")

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
    check.add_argument("--sites", metavar="FILE", type=Path,
                       help="also check the sites file: its format, and its wording for stigma and typing slips")
    check.add_argument("--report", metavar="DIR", type=Path, nargs="?", const=Path("output"),
                       help="also write a clear communication report of each material and language (the CDC Clear "
                            "Communication Index and the PEMAT-P: what software decides, and a checklist for a "
                            "reviewer) as report.html and report.json in DIR/NAME/report/, a translation's in "
                            "DIR/NAME/CODE/report/ (default DIR: output); name materials before this option")

    verify = commands.add_parser(
        "verify",
        help="open the built outputs and confirm each shows what it must",
        description="Open every output in DIR/NAME/ of each material with a PDF or PowerPoint reader\n"
        "and confirm that it shows what it must (the headings, headlines, steps and table rows\n"
        "it promises, the authors, and every word where the output promises it), has the right\n"
        "pages or slides, links only to addresses the content gives, and is small enough to\n"
        "e-mail; and that every file is the one DIR/manifest.json records, built from the\n"
        "content as it is now.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verify.add_argument("folder", metavar="DIR", type=Path, nargs="?", default=Path("output"),
                        help="the folder the outputs were built into (default: output)")
    # The materials are an option here, since the positional is the folder.
    verify.add_argument("--material", metavar="NAME", dest="materials", action="append", default=[],
                        help="verify only this material's outputs, DIR/NAME/ (may be given more than once; "
                             "default: every material in content/)")
    verify.add_argument("--brand", metavar="FILE", type=Path, default=DEFAULT_BRAND,
                        help=f"the brand file with colours and fonts (default: {DEFAULT_BRAND})")
    verify.add_argument("--sites", metavar="FILE", type=Path,
                        help="also verify the flyer of every site in FILE, in DIR/NAME/sites/")
    verify.add_argument("--rebuild", action="store_true",
                        help="also build every output again in a temporary folder and compare it byte for byte with "
                             "the file in DIR; this catches any change, even one whose manifest entry was changed "
                             "to match")

    new = commands.add_parser(
        "new",
        help="start a new material from a commented skeleton",
        description="Write content/NAME.yaml: a short, commented skeleton that uses every kind of block\n"
        "and builds as it stands (marked draft). Replace its words with yours, then run `build NAME`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("name", metavar="NAME",
                     help="the material's name: lower-case letters, digits and hyphens, e.g. naloxone-basics")
    new.add_argument("--folder", metavar="DIR", type=Path, default=Path("content"),
                     help="the content folder (default: content)")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a material file, for editors that complete and check YAML",
        description="Print the JSON Schema of the content format, made from the content model. The\n"
        "project keeps a copy in docs/material.schema.json, which new materials point to.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.set_defaults()  # no options: it prints the schema

    translated = commands.add_parser(
        "translated",
        help="mark a translation's entries current with the English, once a translator has checked them",
        description="Record, in a translation's `translation:` section, that the named entries now match\n"
        "the English as it reads today: their fingerprints, and the English text, which `check`\n"
        "shows next to the new English when it changes again. Name the entries as `check` does.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    translated.add_argument("translation", metavar="FILE", type=Path,
                            help="the translation, e.g. content/harm-reduction.es.yaml")
    translated.add_argument("fields", metavar="FIELD", nargs="*",
                            help="the entries to mark, e.g. sections[1].blocks[0].statements[0].body")
    translated.add_argument("--all", action="store_true",
                            help="mark every entry, after a translator has checked the whole translation")
    translated.add_argument("--brand", metavar="FILE", type=Path, default=DEFAULT_BRAND,
                            help=f"the brand file with colours and fonts (default: {DEFAULT_BRAND})")
    return main


def _build_arguments(command: argparse.ArgumentParser) -> None:
    _content_arguments(command)
    command.add_argument("--out", metavar="DIR", type=Path, default=Path("output"),
                         help="the folder to write the outputs to (default: output)")
    command.add_argument("--only", metavar="NAME", nargs="+", action="extend",
                         help=f"build only these outputs, one or more of: {', '.join(BUILDERS)}")
    command.add_argument("--lang", metavar="CODE", nargs="+", action="extend",
                         help="build only these languages, e.g. en or es (default: the English content and every "
                              "translation beside it, such as harm-reduction.es.yaml; translations go to "
                              "DIR/NAME/CODE/)")
    command.add_argument("--sites", metavar="FILE", type=Path,
                         help="also build a flyer for every site in FILE, into DIR/NAME/sites/<site>/, for each "
                              "material that asks for them (see content/sites.example.yaml)")
    command.add_argument("--force", action="store_true",
                         help="rebuild every output, even those whose content, templates and fonts are unchanged")
    command.add_argument("--jobs", metavar="N", type=_workers, default=cores(),
                         help=f"how many outputs to build at once (default: one per core, here {cores()})")


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not '{text}'")
    return int(text)


def _content_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("materials", metavar="MATERIAL", nargs="*",
                         help="a material's content file or name, e.g. content/harm-reduction.yaml or "
                              "harm-reduction (default: every material in content/)")
    # Its own dest: argparse sets an empty '*' positional after the options, which would drop their names.
    command.add_argument("--material", metavar="NAME", dest="material_options", action="append", default=[],
                         help="the same, as an option; may be given more than once")
    command.add_argument("--brand", metavar="FILE", type=Path, default=DEFAULT_BRAND,
                         help=f"the brand file with colours and fonts (default: {DEFAULT_BRAND})")


def main(argv: list[str] | None = None, prog: str = "teaching-materials") -> int:
    """Run the command line and return its exit status."""
    from .build import choose_builders

    command_line = parser(prog)
    arguments = command_line.parse_args(argv)
    if arguments.command in ("build", "watch", "serve"):
        try:
            choose_builders(arguments.only)
        except UserError as error:
            command_line.error(str(error))  # exits with status 2
    if arguments.command in ("watch", "serve"):
        return run_watch(arguments)
    json_wanted = getattr(arguments, "format", "text") == "json"
    try:
        if arguments.command == "new":
            return run_new(arguments.name, arguments.folder)
        if arguments.command == "schema":
            return run_schema()
        if arguments.command == "translated":
            if bool(arguments.fields) == arguments.all:
                command_line.error("name the entries to mark current, or give --all (not both)")
            return run_translated(arguments.translation, arguments.fields, arguments.brand)
        if arguments.command == "build":
            return run_build(build_request(arguments))
        if arguments.command == "check":
            if mistaken_for_a_folder(arguments.report):
                command_line.error(f"--report {arguments.report} would write the report into a folder "
                                   f"{arguments.report}/; to report on the material {arguments.report}, name it first: "
                                   f"check {arguments.report} --report")
            return run_check(build_request(arguments), arguments.strict, json_wanted, arguments.sites,
                             arguments.report)
        editions = [edition for content in find_materials(named_materials(arguments))
                    for edition in load_editions(content, arguments.brand)]
        return run_verify(editions, arguments.folder, arguments.brand, arguments.sites, arguments.rebuild)
    except UserError as error:
        return report_error(error, arguments.command, json_wanted)


def run_new(name: str, folder: Path) -> int:
    """Start a new material from the skeleton and say what to do next."""
    from .skeleton import new_material

    path = new_material(name, folder)
    print(f"wrote {_shown(path)}")
    print(f"Replace its words with yours, then build it with `python -m generator build {name}`; "
          f"the outputs go to output/{name}/.")
    return EXIT_OK


def run_translated(translation: Path, fields: list[str], brand: Path) -> int:
    """Mark entries of a translation current with the English and say how many."""
    from .content import load_content
    from .translation import mark_translated

    translated = load_content(translation, brand)
    if translated.translation is None:
        raise UserError(f"{translation} is not a translation: it has no `translation:` section naming the English")
    english = load_content(Path(translated.source).parent / translated.translation.of, brand)
    marked = mark_translated(english, translated, fields)
    print(f"Marked {len(marked)} {'entry' if len(marked) == 1 else 'entries'} of {translation} current with "
          f"{english.source}.")
    return EXIT_OK


def run_schema() -> int:
    """Print the JSON Schema of a material file."""
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def report_error(error: UserError, command: str, json_wanted: bool = False) -> int:
    """Print what is wrong, with the file and line of every content problem, and return the exit status."""
    if not isinstance(error, ContentError):
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    count = len(error.problems)
    found = f"{count} problem{'s' if count != 1 else ''} found"
    if json_wanted:
        print(json.dumps({"summary": {"errors": count, "warnings": 0, "acknowledged": 0},
                          "errors": [dict(asdict(problem), rule="content") for problem in error.problems],
                          "warnings": [], "acknowledged": []}, indent=2, ensure_ascii=False))
    else:
        print(error, file=sys.stderr)
        print(f"{found}; nothing was built." if command in ("build", "watch") else f"{found}.", file=sys.stderr)
    return EXIT_PROBLEM


def serving(arguments: argparse.Namespace, request, rebuild, say):
    """Start serving the output folder for `serve`, and return `rebuild` followed by a reload of the open pages;
    None, having said why, if the folder must not be served (one a build would refuse, such as /) or the address
    cannot be served on."""
    from .build import refuse_unsafe_folder
    from .serving import Preview, start_server

    preview = Preview()
    out_dir = Path(request.out_dir)
    try:
        refuse_unsafe_folder(out_dir)  # before anything in it is served
        out_dir.mkdir(parents=True, exist_ok=True)
        server = start_server(out_dir, arguments.host, arguments.port, preview)
    except UserError as error:
        report_error(error, "serve")
        return None
    except OSError as error:
        print(f"error: cannot serve {out_dir} on {arguments.host}:{arguments.port}: {error.strerror}; choose "
              "another folder with --out or another port with --port", file=sys.stderr)
        return None
    host, port = server.server_address[:2]
    say(f"Serving {out_dir}/ at http://{host}:{port}/ (this computer only)" if host == "127.0.0.1"
        else f"Serving {out_dir}/ at http://{host}:{port}/")

    def rebuild_and_reload() -> None:
        rebuild()
        preview.built()

    return rebuild_and_reload


def run_watch(arguments: argparse.Namespace) -> int:
    """Build, then rebuild whenever a watched file is saved, until interrupted; errors are printed, not fatal. For
    `serve`, the output folder is served too, and open pages reload after each build."""
    import signal

    from .watching import watch, watched_files

    import dataclasses

    try:
        request = build_request(arguments)
    except UserError as error:  # e.g. a material that does not exist: said once, before watching
        return report_error(error, "watch")

    def rebuild() -> None:
        nonlocal request
        try:
            # Unless materials were named, those in the content folder now: one added while watching is
            # built, and one deleted is let go.
            request = dataclasses.replace(request, contents=find_materials(named_materials(arguments)))
            build_and_report(request)  # Ctrl+C stops the watching, not only this build
        except UserError as error:
            report_error(error, "watch")
        request = dataclasses.replace(request, force=False)  # --force rebuilds everything once, at the start
        sys.stdout.flush()
        sys.stderr.flush()

    def say(line: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)

    if arguments.command == "serve":
        rebuild = serving(arguments, request, rebuild, say)
        if rebuild is None:
            return EXIT_PROBLEM
    previous = stop_on_signals()
    try:
        watch(lambda: watched_files(request.contents, request.brand, request.sites), rebuild, say)
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM (see build.Stopped)
        print("Stopped watching.")
        signum = getattr(stop, "signum", signal.SIGINT)
        return EXIT_OK if signum == signal.SIGINT else 128 + signum  # Ctrl+C is how watching ends; SIGTERM is not
    finally:
        restore_signals(previous)
    return EXIT_OK


def run_check(request, strict: bool, json_wanted: bool, sites_file: Path | None = None,
              report_dir: Path | None = None) -> int:
    """Check the content (and sites), build every output in a temporary folder, audit and verify it, keep nothing;
    print the report of it all. With `report_dir`, also write the clear communication report of every edition there."""
    import dataclasses
    import tempfile

    from .build import refuse_unsafe_folder
    from .checks import Report, check_sites
    from .pipeline import run
    from .sites import load_sites

    if report_dir is not None:
        refuse_unsafe_folder(report_dir, "--report")  # said at once, not after the whole check
    report = check_sites(load_sites(sites_file)) if sites_file else Report()
    problems = []
    for content in request.contents:  # one at a time, so that one material's failure hides nothing of another's
        with tempfile.TemporaryDirectory(prefix="check-") as folder:
            checked = dataclasses.replace(request, contents=[content], out_dir=Path(folder), force=True, keep=False)
            try:
                outcome = run(checked, report.extend)
            except ContentError as error:
                problems += error.problems
                continue
        report.add(outcome.failures + outcome.warnings)
    if problems:
        raise ContentError(problems)
    print(report.as_json() if json_wanted else report.as_text())
    if report_dir is not None:
        write_communication_reports(request, report_dir, sys.stderr if json_wanted else sys.stdout)
    return EXIT_PROBLEM if report.fails(strict) else EXIT_OK


def write_communication_reports(request, report_dir: Path, say) -> None:
    """Write the clear communication report of every edition of the materials asked for into `report_dir`, and
    say which files were written (on `say`, a stream)."""
    from .communication_report import write_reports

    editions = [(material, subfolder_of(material)) for content in request.contents
                for material in load_editions(content, request.brand)]
    for path in write_reports(editions, report_dir):
        print(f"wrote {_shown(path)}", file=say)


def mistaken_for_a_folder(report_dir: Path | None) -> bool:
    """Return whether the folder given to `check --report` is, more likely, the name of a material typed after it."""
    if report_dir is None or report_dir.exists() or len(report_dir.parts) != 1:
        return False
    from .content import CONTENT_FOLDER, is_material_file

    return is_material_file(CONTENT_FOLDER / f"{report_dir}.yaml") and (CONTENT_FOLDER / f"{report_dir}.yaml").is_file()


def run_verify(editions, out: Path, brand: Path, sites_file: Path | None = None, rebuild: bool = False) -> int:
    """Open every output of every edition, check it against the manifest (and, with `rebuild`, against the
    same output built again), print what each shows or lacks, and fail if any falls short."""
    from .manifest import load_manifest
    from .verify import rebuilt_problems, verdict_table, verify_built, with_problems

    build_first = "build the outputs first with `python -m generator build`"
    if not out.is_dir():
        wrong = "is not a folder" if out.exists() else "does not exist"
        print(f"error: {out} {wrong}; {build_first}", file=sys.stderr)
        return EXIT_PROBLEM
    built = {subfolder_of(material) for material in editions if holds_files(out / subfolder_of(material))}
    listed = load_manifest(out) if built else {}
    rebuilt = rebuilt_problems(out, [(material, subfolder_of(material)) for material in editions
                                     if subfolder_of(material) in built], brand) if rebuild and built else {}
    passed, found, unbuilt = True, False, []
    for material in editions:
        folder = out / subfolder_of(material)
        if subfolder_of(material) not in built:
            unbuilt.append((folder, material))
            continue
        verdicts = with_problems(verify_built(out, subfolder_of(material), material, listed),
                                 subfolder_of(material), rebuilt)
        found = True
        print(f"{folder}/ ({material.document.language}):")
        print(verdict_table(verdicts))
        passed = passed and all(verdict.passed for verdict in verdicts)
    if sites_file is not None:
        passed = verify_site_flyers(editions, out, sites_file) and passed
        found = True
    if found and unbuilt:
        # A material never built is not verified: saying nothing would pass it.
        for folder, material in unbuilt:
            print(f"error: {folder}/ holds none of the outputs of {material.source}; build them with "
                  f"`python -m generator build {material.name}`", file=sys.stderr)
        passed = False
    if not found:
        names = ", ".join(builder.filename for builder in BUILDERS.values())
        folders = list(dict.fromkeys(f"{out / material.name}/" for material in editions))
        holds = "holds" if len(folders) == 1 else "hold"
        print(f"error: {', '.join(folders)} {holds} none of the outputs ({names}); {build_first}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK if passed else EXIT_PROBLEM


def holds_files(folder: Path) -> bool:
    """Return whether `folder` holds a file of its own (its subfolders of translations and sites aside)."""
    return folder.is_dir() and any(path.is_file() for path in folder.iterdir())


def verify_site_flyers(editions, out: Path, sites_file: Path) -> bool:
    """Print a verdict on every site's flyer of every material that has them, in every language, and return
    whether all passed."""
    from .planning import plan_materials, site_output, wants_site_flyers
    from .sites import load_sites
    from .verify import site_flyer_verdict, verdict_table

    from .manifest import MANIFEST, load_manifest

    sites = load_sites(sites_file)
    listed = load_manifest(out)
    sources = list(dict.fromkeys(Path(material.source) for material in editions if material.translation is None))
    by_folder = {edition.subfolder: edition for edition in plan_materials(sources)}
    verdicts = []
    for material in editions:
        edition = by_folder.get(subfolder_of(material))
        if edition is None or not wants_site_flyers(edition.files[0]):
            continue
        for site in sites.sites:
            if site.details_in(edition.code) is not None:
                output = site_output(site, edition)
                verdicts.append(site_flyer_verdict(out / output, material, site, output, listed=listed,
                                                   shown=out / MANIFEST))
    print(f"site flyers in {out}/:")
    print(verdict_table(verdicts))
    return all(verdict.passed for verdict in verdicts)


def named_materials(arguments: argparse.Namespace) -> list[str]:
    """Return the materials named on the command line, as positionals and with --material, in that order."""
    return [*getattr(arguments, "materials", []), *getattr(arguments, "material_options", [])]


def build_request(arguments: argparse.Namespace):
    """Return the build the command line asks for (`check` asks for every output, checked and not kept)."""
    from .pipeline import Request

    if arguments.command == "check":
        return Request(find_materials(named_materials(arguments)), arguments.brand, Path("output"), workers=cores())
    return Request(find_materials(named_materials(arguments)), arguments.brand, arguments.out, arguments.only,
                   arguments.lang, arguments.sites, arguments.force, arguments.jobs)


def run_build(request) -> int:
    """Build what changed, after checking the content; say what was written, kept and failed.

    Ctrl+C and SIGTERM stop the build within a moment, saying in one line what became of the output folder.
    """
    previous = stop_on_signals()
    try:
        return build_and_report(request)
    except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM (see build.Stopped)
        return report_stop(stop, request.out_dir)
    finally:
        restore_signals(previous)


def stop_on_signals() -> dict:
    """Make Ctrl+C and SIGTERM stop the build by raising build.Stopped; return the handlers they had.

    A second signal is ignored, so that it cannot cut short the clean-up after the first.
    """
    import signal

    from .build import Stopped

    numbers = (signal.SIGINT, signal.SIGTERM)

    def stop(signum, frame):
        for number in numbers:
            signal.signal(number, signal.SIG_IGN)
        raise Stopped(signum)

    try:
        return {number: signal.signal(number, stop) for number in numbers}
    except ValueError:  # not the main thread: signals are not this thread's to handle
        return {}


def restore_signals(previous: dict) -> None:
    """Give the signals back the handlers stop_on_signals found."""
    import signal

    for number, handler in previous.items():
        signal.signal(number, signal.SIG_DFL if handler is None else handler)


def report_stop(stop: KeyboardInterrupt, out_dir: Path) -> int:
    """Say in one line that the build was stopped and what became of `out_dir`; return 128 + the signal's number."""
    import signal

    signum = getattr(stop, "signum", signal.SIGINT)
    folder = f"{_shown(out_dir)}/"
    if getattr(stop, "changed", False):
        print(f"Stopped; the outputs finished before the stop are in {folder}, each complete, and the others "
              "were left as they were.", file=sys.stderr)
    else:
        print(f"Stopped; {folder} was left as it was.", file=sys.stderr)
    return 128 + signum


def build_and_report(request) -> int:
    """Build what changed and say what was written, kept and failed (see run_build)."""
    from .pipeline import ChecksFailed, run
    from .site_flyers import Progress

    try:
        outcome = run(request, show_report, Progress)
    except ChecksFailed:
        print("Nothing was built: fix the errors above first.", file=sys.stderr)
        return EXIT_PROBLEM
    for finding in outcome.warnings:
        print(f"warning: {finding}", file=sys.stderr)
    for note in outcome.notes:
        print(f"note: {note}", file=sys.stderr)
    for output in outcome.written:
        print(f"wrote {_shown(request.out_dir / output)}")
    for manifest in outcome.manifests:
        print(f"wrote {_shown(manifest)}")
        # Written with the manifest, unless the folder holds one material's outputs and its page at the top.
        catalogue = manifest.parent / CATALOGUE
        if catalogue.is_file() and catalogue not in {request.out_dir / output for output in outcome.written}:
            print(f"wrote {_shown(catalogue)}")
    for output, problem in outcome.failed.items():
        print(f"error: {_shown(request.out_dir / output)}: {problem}", file=sys.stderr)
    if not outcome.written and not outcome.failed:
        kept = len(outcome.kept)
        up_to_date = ("the 1 output is up to date (use --force to rebuild it)" if kept == 1
                      else f"all {kept} outputs are up to date (use --force to rebuild them)")
        print(f"Nothing to rebuild: {up_to_date}.")
    else:
        print(outcome.summary())
    return EXIT_PROBLEM if outcome.failed else EXIT_OK


def show_report(report) -> None:
    """Print what the checks of the content found, if anything."""
    if report.errors or report.warnings:
        print(report.as_text(), file=sys.stderr)


def subfolder_of(material) -> str:
    """Return the output subfolder of an edition: the material's name, and a translation's language below it."""
    from .editions import language_code

    return material.name if material.translation is None else f"{material.name}/{language_code(material)}"


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
