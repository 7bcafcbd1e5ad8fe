"""Build outputs into a temporary folder and move them into place only when all succeeded."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Collection, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .builders import BUILDERS, Builder
from .catalogue import CATALOGUE, catalogue_html
from .checks import ERROR, Finding, audit_output
from .errors import BuildError, UserError
from .manifest import GENERATOR, MANIFEST, build_time, manifest_entries, merged_manifest, read_manifest, write_manifest
from .model import Brand, Material
from .parallel import each_at_once
from .verify import Verdict, verdict_table, verify_output


@dataclass(frozen=True)
class Built:
    """What a build wrote, what the audit of the outputs warned about, and the files each output read."""

    paths: list[Path]
    manifests: list[Path]
    warnings: list[Finding]
    reads: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # by output, relative to the folder


def choose_builders(names: Iterable[str] | None) -> list[Builder]:
    """Return the builders called `names` (all of them when None), in a stable order."""
    if not names:
        return list(BUILDERS.values())
    unknown = [name for name in names if name not in BUILDERS]
    if unknown:
        raise UserError(f"unknown output '{unknown[0]}'; choose from: {', '.join(BUILDERS)}")
    return [BUILDERS[name] for name in BUILDERS if name in names]


MARKER = ".teaching-materials"  # in every output folder, so that a later build knows the folder is for outputs
LOCK = ".lock"  # in the output folder while a build holds it, with the holder's process id
JOURNAL = ".commit.json"  # in the output folder while a commit moves the new outputs into place
STAGING = ".building-"  # the prefix of the folder, inside the output folder, that a build writes to first
PREVIOUS = ".previous"  # inside the staging folder: links to the files a commit replaces
# Inside the staging folder: the manifest and catalogue a commit puts in place, and those it replaces.
NEW_INDEXES = ".indexes"
OLD_INDEXES = ".previous-indexes"
LEFT_BY_BUILDS = (STAGING, ".commit-", ".manifest-", ".state-")  # the prefixes of what a stopped build may leave

_held: set[int] = set()  # the descriptors of the locks this process holds


class Stopped(KeyboardInterrupt):
    """A signal stopped the build; `changed` says whether outputs had already been replaced by then."""

    def __init__(self, signum: int = signal.SIGINT, changed: bool = False):
        super().__init__(signum)
        self.signum, self.changed = signum, changed


def _let_go_in_child() -> None:
    """Close this process's locks in a forked child, so that a worker outliving a killed build does not hold them."""
    for handle in _held:
        os.close(handle)  # the parent's copy keeps the lock: a flock ends when its last descriptor closes
    _held.clear()


os.register_at_fork(after_in_child=_let_go_in_child)


@contextmanager
def only_build_in(out_dir: Path, notes: list[str] | None = None) -> Iterator[None]:
    """Hold `out_dir` (made if need be) for one build; a second build started meanwhile stops with a clear message.

    A folder that is not for outputs is refused. Once held, what an earlier build left
    when it was stopped is dealt with (see recover), and `notes` says what was found.
    """
    out_dir = Path(out_dir)
    refuse_unsafe_folder(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    handle, taken_over = _lock(out_dir)
    try:
        found = [taken_over] if taken_over else []
        found += recover(out_dir)
        if notes is not None:
            notes += found
        yield
    finally:
        _unlock(out_dir, handle)


def mark_as_outputs(out_dir: Path) -> None:
    """Leave the marker in `out_dir` that says this tool writes its outputs there (see refuse_unsafe_folder)."""
    marker = out_dir / MARKER
    if not marker.is_file():
        try:
            marker.write_text("This folder holds the outputs of teaching-materials; each build replaces them.\n",
                              encoding="utf-8")
        except OSError as error:
            raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None


def _lock(out_dir: Path) -> tuple[int, str]:
    """Lock `out_dir` for this process; return the lock's descriptor and a note if a dead build's lock was taken over."""
    path = out_dir / LOCK
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _pid_in(handle)
            os.close(handle)
            by = f" (process {holder})" if holder else ""
            raise BuildError(f"{out_dir}: another build{by} is writing to this folder right now; "
                             "wait for it to finish, then build again") from None
        if _still_there(handle, path):
            break
        os.close(handle)  # its holder removed it while this process opened it: lock the one there now
    _held.add(handle)
    left = _pid_in(handle)  # a holder that ended normally removed the file, so this one died holding it
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
    if not left or left == os.getpid():
        return handle, ""
    return handle, f"{out_dir}: took over the lock of build process {left}, which ended without letting it go"


def _unlock(out_dir: Path, handle: int) -> None:
    """Let go of the lock on `out_dir`."""
    try:
        os.unlink(out_dir / LOCK)  # before closing: a build waiting on this file then sees it is gone
    except OSError:
        pass
    _held.discard(handle)
    os.close(handle)


def _pid_in(handle: int) -> int:
    """Return the process id written in the lock file, or 0."""
    try:
        text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return 0
    return int(text) if text.isdigit() else 0


def _still_there(handle: int, path: Path) -> bool:
    """Return whether the file open as `handle` is still the one at `path`."""
    try:
        there, held = os.stat(path), os.fstat(handle)
    except OSError:
        return False
    return (there.st_dev, there.st_ino) == (held.st_dev, held.st_ino)


def refuse_unsafe_folder(out_dir: Path, option: str = "--out") -> None:
    """Refuse a folder outputs do not belong in: /, the home folder, the project, its sources, or others' files.

    `option` is the one that names the folder on the command line, for the message.
    """
    why = _why_unsafe(Path(out_dir))
    if why:
        raise BuildError(f"{out_dir}: will not write the outputs into this folder, since {why}; "
                         f"choose another with {option}, such as output")


def _why_unsafe(out_dir: Path) -> str:
    """Return why `out_dir` must not be built into, or ''."""
    from .content import CONTENT_FOLDER, PROJECT
    from .templating import TEMPLATES

    folder = out_dir.expanduser().resolve()
    if folder == Path(folder.anchor):
        return "it is the top of the file system"
    if folder == Path.home().resolve():
        return "it is your home folder"
    if folder == PROJECT:
        return "it is the project's own folder"
    sources = ((PROJECT / CONTENT_FOLDER, "the content folder"), (CONTENT_FOLDER.resolve(), "the content folder"),
               (TEMPLATES, "the templates folder"))
    for protected, what in sources:
        if folder == protected or protected in folder.parents:
            return f"it is {what} or inside it, where the sources are"
    if folder.is_dir() and not _written_here(folder):
        return "it already holds files that this tool did not write"
    return ""


def _written_here(folder: Path) -> bool:
    """Return whether `folder` is empty, holds the marker this tool leaves (or, from before it left one, its
    manifest), or holds only what a stopped build left."""
    try:
        names = os.listdir(folder)
    except OSError:
        return True  # making the lock there will say what is wrong
    if MARKER in names and (folder / MARKER).is_file():
        return True
    manifest = read_manifest(folder)
    if manifest is not None and manifest.get("generator") == GENERATOR:
        return True
    return all(name in (LOCK, JOURNAL) or name.startswith(LEFT_BY_BUILDS) for name in names)


def settle_interrupted(out_dir: Path) -> list[str]:
    """Finish or undo a commit that a stopped build left in `out_dir`, if there is one; return notes on it."""
    notes: list[str] = []
    if (out_dir / JOURNAL).is_file():
        with only_build_in(out_dir, notes):
            pass
    return notes


def recover(out_dir: Path) -> list[str]:
    """Finish, or else undo, a commit that a stopped build left half done, and remove what stopped builds left.

    Call it only while holding the folder (see only_build_in). Return notes on what was found.
    """
    notes = []
    if (out_dir / JOURNAL).exists():
        notes.append(_settle(out_dir))
    for name in os.listdir(out_dir):
        leftover = out_dir / name
        if name.startswith(STAGING) and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        elif name.startswith(LEFT_BY_BUILDS) and leftover.is_file():
            leftover.unlink(missing_ok=True)
    return notes


def _settle(out_dir: Path) -> str:
    """Complete the commit in the journal of `out_dir`, or put the previous files back; return what was done."""
    journal = _read_journal(out_dir)
    staging = out_dir / journal["staging"] if journal else None
    if staging is None or not staging.is_dir():
        (out_dir / JOURNAL).unlink()
        return (f"{out_dir}: a build was stopped while replacing the outputs and what it left is incomplete; "
                "build again with --force to be sure every output is whole")
    try:
        _move_in(out_dir, staging, journal)
        done = "finished replacing the outputs, which a stopped build had left half done"
    except OSError:
        try:
            _put_back(out_dir, staging, journal)
        except OSError as error:
            raise BuildError(f"{out_dir}: a build was stopped while replacing the outputs, and they could neither be "
                             f"replaced nor put back ({error.strerror}); fix that, then build again") from None
        done = "put back the outputs that a build stopped half-way through had begun to replace"
    (out_dir / JOURNAL).unlink()
    return f"{out_dir}: {done}"


def _read_journal(out_dir: Path) -> dict | None:
    """Return the journal of `out_dir` if it is whole and names only paths inside the folder, else None."""
    try:
        journal = json.loads((out_dir / JOURNAL).read_text(encoding="utf-8"))
        names = [journal["staging"], *journal["outputs"], *journal["existed"]]
        if not set(journal["indexes_existed"]) <= set(journal["indexes"]) <= {MANIFEST, CATALOGUE}:
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    inside = all(isinstance(name, str) and name and not Path(name).is_absolute() and ".." not in Path(name).parts
                 for name in names)
    return journal if inside and journal["staging"].startswith(STAGING) and "/" not in journal["staging"] else None

def build(material: Material, out_dir: Path, names: Iterable[str] | None = None) -> Built:
    """Write the chosen outputs of `material` into `out_dir` (see build_editions)."""
    return build_editions([(material, "")], out_dir, names)


def build_editions(editions: list[tuple[Material, str]], out_dir: Path,
                   names: Iterable[str] | None = None, wanted: Collection[str] | None = None) -> Built:
    """Write the chosen outputs of each edition (material, subfolder) into its subfolder of `out_dir`.

    `wanted` limits the build to these outputs, by their path inside `out_dir`
    (e.g. 'es/flyer.pdf'). Every output is first written to a temporary folder,
    audited for accessibility and verified to show what it must; the files replace
    the previous outputs only after every output of every edition passed, so a
    failure leaves `out_dir` as it was. Its manifest then records every output it holds.
    """
    builders = choose_builders(names)
    jobs = []
    for material, subfolder in editions:
        chosen = [builder for builder in builders
                  if wanted is None or (Path(subfolder) / builder.filename).as_posix() in wanted]
        if chosen:
            jobs.append((material, subfolder, chosen))
    out_dir = Path(out_dir)
    with only_build_in(out_dir):
        return build_held(jobs, out_dir)


def build_held(jobs: list[tuple[Material, str, list[Builder]]], out_dir: Path, workers: int = 1,
               keep: bool = True) -> Built:
    """Build each job (material, subfolder, builders) into `out_dir`, which the caller holds (see only_build_in).

    The outputs are built, audited and verified in up to `workers` processes at once,
    then put in place with the manifest all together (see commit); with `keep` False,
    as `check` asks, they are only built, audited and verified, and then let go.
    A failure of any output stops the build with every failure found (see OutputsFailed).
    """
    built = Built([], [], [])
    with staging_folder(out_dir) as staging:
        units = [_Unit(material, subfolder, builder, staging) for material, subfolder, builders in jobs
                 for builder in builders]
        results = {}
        try:
            for material, subfolder, _ in jobs:
                (staging / subfolder).mkdir(parents=True, exist_ok=True)
            # An output that lists the others (the web page) is built once they are all beside it.
            for listing in (False, True):
                batch = [index for index, unit in enumerate(units) if unit.builder.lists_siblings == listing]
                if listing:
                    _place_siblings(out_dir, staging, {units[index].subfolder for index in batch})
                with closing(each_at_once(lambda number: units[batch[number]].build(), len(batch),
                                          workers)) as finished:
                    results.update((batch[number], result) for number, result in finished)
        except OSError as error:
            raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
        built.warnings.extend(_passed_checks(units, [results[index] for index in range(len(units))]))
        if not keep:
            return built
        entries, outputs, when = [], [], build_time()
        # Verifying counted each output's pages or slides already.
        counted = {unit.output: (result.verdict.unit, result.verdict.count) for unit, result in
                   ((units[index], results[index]) for index in range(len(units)))
                   if result.verdict is not None and result.verdict.count is not None}
        try:
            for material, subfolder, builders in jobs:
                filenames = [builder.filename for builder in builders]
                known = {name: counted[(Path(subfolder) / name).as_posix()] for name in filenames
                         if (Path(subfolder) / name).as_posix() in counted}
                entries += [dict(entry, name=(Path(subfolder) / entry["name"]).as_posix(), edition=subfolder)
                            for entry in manifest_entries(staging / subfolder, material, filenames, known, when)]
                outputs += [(Path(subfolder) / name).as_posix() for name in filenames]
        except OSError as error:
            raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
        built.reads.update({units[index].output: results[index].reads for index in range(len(units))})
        commit(out_dir, staging, outputs, merged_manifest(read_manifest(out_dir), entries, __version__),
               jobs[0][0].brand)
    built.paths.extend(out_dir / name for name in outputs)
    built.manifests.append(out_dir / MANIFEST)
    return built


def _place_siblings(out_dir: Path, staging: Path, subfolders: set[str]) -> None:
    """Put beside the outputs just built in each of `subfolders` of `staging` a link to every other output in the
    same subfolder of `out_dir`, which this build keeps: the staged subfolder then holds what the folder will."""
    for subfolder in subfolders:
        for builder in BUILDERS.values():
            kept, staged = out_dir / subfolder / builder.filename, staging / subfolder / builder.filename
            if not staged.exists() and kept.is_file() and not kept.is_symlink():
                _keep(kept, staged)


@contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
    """Yield a new, empty folder inside `out_dir` to build into; it is removed after, unless a commit still needs it."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=out_dir))
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    try:
        yield staging
    finally:
        if not (out_dir / JOURNAL).exists():  # otherwise the next build finishes the commit from it
            shutil.rmtree(staging, ignore_errors=True)


def commit(out_dir: Path, staging: Path, outputs: list[str], manifest: dict | None = None,
           brand: Brand | None = None) -> None:
    """Move the staged `outputs` (paths inside both folders) into `out_dir`, with `manifest` if given, and the
    catalogue drawn from it in `brand`'s look if that is given too (see catalogue.py): all or none.

    Nothing moves unless every file can go where it must. The moves are written to a
    journal first: if this process is killed half-way, the next build finishes them
    (see recover); a move that fails puts the previous files back. Ctrl+C and SIGTERM
    wait until the commit is done.
    """
    blocked = list(dict.fromkeys(why for why in (_in_the_way(out_dir, name) for name in outputs) if why))
    if blocked:
        raise BuildError(f"{out_dir}: no output was replaced, since {'; '.join(blocked)}; "
                         "move it out of the way, then build again")
    try:
        mark_as_outputs(out_dir)
        journal = _prepare(out_dir, staging, outputs, manifest, brand)
    except OSError as error:
        raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
    with _signals_held():
        _write_journal(out_dir, journal)
        _step("journal")
        try:
            _move_in(out_dir, staging, journal)
        except OSError as error:
            _put_back_after(out_dir, staging, journal, error)
        (out_dir / JOURNAL).unlink()
        _step("done")


def blocked_outputs(out_dir: Path, outputs: list[str]) -> dict[str, str]:
    """Return, by output, why its file cannot be put in place, for those that cannot."""
    return {name: why for name in outputs if (why := _in_the_way(out_dir, name))}


def _in_the_way(out_dir: Path, name: str) -> str:
    """Return what stops the output `name` from being moved into `out_dir`, or ''."""
    folder = out_dir
    for part in Path(name).parts[:-1]:
        folder = folder / part
        if not folder.exists():
            break
        if not folder.is_dir():
            return f"{folder} is a file where a folder must be"
    else:
        target = out_dir / name
        if target.is_dir() and not target.is_symlink():
            return f"{target} is a folder where the file must go"
    writable = folder if folder.is_dir() else folder.parent
    return "" if os.access(writable, os.W_OK) else f"{writable} cannot be written"


def _prepare(out_dir: Path, staging: Path, outputs: list[str], manifest: dict | None, brand: Brand | None) -> dict:
    """Keep a link to each file the commit replaces and stage the manifest and the catalogue; return the journal of
    the commit."""
    existed = []
    for name in outputs:
        if (out_dir / name).is_file():
            _keep(out_dir / name, staging / PREVIOUS / name)
            existed.append(name)
            _step("keep")
    indexes = []
    if manifest is not None:
        (staging / NEW_INDEXES).mkdir(exist_ok=True)
        write_manifest(staging / NEW_INDEXES, manifest)
        indexes.append(MANIFEST)
        staged = set(outputs)
        catalogue = catalogue_html(manifest, brand, lambda name: (staging if name in staged else out_dir) / name) \
            if brand is not None else None
        if catalogue is not None:
            (staging / NEW_INDEXES / CATALOGUE).write_text(catalogue, encoding="utf-8")
            indexes.append(CATALOGUE)
    indexes_existed = [name for name in indexes if (out_dir / name).is_file()]
    for name in indexes_existed:
        _keep(out_dir / name, staging / OLD_INDEXES / name)
    return {"staging": staging.name, "outputs": outputs, "existed": existed, "indexes": indexes,
            "indexes_existed": indexes_existed}


def _keep(path: Path, copy: Path) -> None:
    """Keep the file at `path` as `copy` too: a second name for the same file where the file system allows."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, copy)
    except OSError:
        shutil.copy2(path, copy)


def _write_journal(out_dir: Path, journal: dict) -> None:
    """Write the journal of a commit into `out_dir` in one step, so that it is never found half written."""
    handle, temporary = tempfile.mkstemp(prefix=".commit-", suffix=".json", dir=out_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(journal, file, indent=1)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, out_dir / JOURNAL)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _move_in(out_dir: Path, staging: Path, journal: dict) -> None:
    """Move every staged file of the journal that is still in `staging` into place, the manifest last."""
    for name in journal["outputs"]:
        staged = staging / name
        if staged.exists():  # not moved yet
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, out_dir / name)
            _step("move")
    for name in journal["indexes"]:
        staged = staging / NEW_INDEXES / name
        if staged.exists():
            os.replace(staged, out_dir / name)
            _step("manifest" if name == MANIFEST else "catalogue")


def _put_back(out_dir: Path, staging: Path, journal: dict) -> None:
    """Undo the moves of the journal: put back each file it replaced, and remove each it added."""
    for name in journal["outputs"]:
        kept = staging / PREVIOUS / name
        if name in journal["existed"]:
            if kept.exists():
                os.replace(kept, out_dir / name)
        elif not (staging / name).exists():  # moved in where there was no file before
            (out_dir / name).unlink(missing_ok=True)
    for name in journal["indexes"]:
        if name in journal["indexes_existed"]:
            if (staging / OLD_INDEXES / name).exists():
                os.replace(staging / OLD_INDEXES / name, out_dir / name)
        elif not (staging / NEW_INDEXES / name).exists():  # moved in where there was none before
            (out_dir / name).unlink(missing_ok=True)


def _put_back_after(out_dir: Path, staging: Path, journal: dict, error: OSError) -> None:
    """Undo a commit that failed with `error`, and stop the build saying so."""
    try:
        _put_back(out_dir, staging, journal)
    except OSError as second:
        raise BuildError(f"{out_dir}: could not put the new outputs in place ({error.strerror}) nor the previous "
                         f"ones back ({second.strerror}); the next build will try again") from None
    (out_dir / JOURNAL).unlink()
    raise BuildError(f"{out_dir}: could not put the new outputs in place ({error.strerror}); "
                     "the previous ones were put back")


def _step(done: str) -> None:
    """Note that one step of a commit is done; the tests replace this to kill the build between two steps."""


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold off Ctrl+C and SIGTERM until the block is done; then stop the build (see Stopped)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda got, frame: caught.append(got)) for number in numbers}
    finished = False
    try:
        yield
        finished = True
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if caught:
            raise Stopped(caught[0], changed=finished)

@dataclass(frozen=True)
class _Checked:
    """One output built in the staging folder: the files it read, its audit findings and its verdict, or its error."""

    reads: set[str]
    findings: list[Finding]
    verdict: Verdict | None
    error: str = ""


@dataclass(frozen=True)
class _Unit:
    """One output of one edition to build, audit and verify in the staging folder."""

    material: Material
    subfolder: str
    builder: Builder
    staging: Path

    @property
    def output(self) -> str:
        """Return this output's path inside the output folder, e.g. 'harm-reduction/es/flyer.pdf'."""
        return (Path(self.subfolder) / self.builder.filename).as_posix()

    def build(self) -> _Checked:
        from pypdf import PdfReader

        path = self.staging / self.subfolder / self.builder.filename
        try:
            self.builder.build(self.material, path)
        except BuildError as error:
            return _Checked(set(), [], None, str(error))
        reader = PdfReader(path) if path.suffix == ".pdf" else None  # opened once, for the audit and the verdict
        findings = [dataclasses.replace(finding, file=str(Path(self.subfolder) / finding.file))
                    for finding in audit_output(path, self.material, reader)]
        reads = {str(path) for path in self.builder.reads(self.material)}
        return _Checked(reads, findings, verify_output(path, self.builder, self.material, reader))


def _build_failure(error: str, material: Material) -> Finding:
    """Return an output's build error as a finding, at the content line the message names if it names one."""
    where, _, rest = error.partition(": ")
    file, _, line = where.rpartition(":")
    if file == material.source and line.isdigit():
        return Finding(rule="build", severity=ERROR, file=file, line=int(line), field="", message=rest,
                       suggestion="fix what the message names, then build again")
    return Finding(rule="build", severity=ERROR, file=material.source, line=None, field="", message=error,
                   suggestion="fix what the message names, then build again")


class OutputsFailed(BuildError):
    """Outputs could not be built, failed their accessibility audit, or do not show what they must.

    `findings` holds every failure of every output, for `check` to list with the others.
    """

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings


def _passed_checks(units: list[_Unit], results: list[_Checked]) -> list[Finding]:
    """Stop the build with every output that could not be built, every audit error and every failed verdict;
    return the audit's warnings."""
    failures, lines = [], []
    # The deck and its companions share the slide plan, and so the plan's problems: each is said once.
    for error, material in dict.fromkeys((result.error, unit.material) for unit, result in zip(units, results)
                                         if result.error):
        failures.append(_build_failure(error, material))
        lines.append(error)
    findings = [finding for result in results for finding in result.findings]
    errors = [finding for finding in findings if finding.severity == ERROR]
    if errors:
        failures += errors
        lines.append("the outputs failed their accessibility audit:\n" + "\n".join(f"  {finding}" for finding in errors))
    for subfolder in dict.fromkeys(unit.subfolder for unit in units):
        verdicts = [result.verdict for unit, result in zip(units, results)
                    if unit.subfolder == subfolder and result.verdict is not None]
        failed = [verdict for verdict in verdicts if not verdict.passed]
        if failed:
            where = f" in {subfolder}/" if subfolder else ""
            lines.append(f"the outputs{where} do not show what they must:\n" + verdict_table(verdicts))
            failures += [Finding(rule="verify", severity=ERROR, file=str(Path(subfolder) / verdict.output), line=None,
                                 field="", message="does not show what it must: " + "; ".join(
                                     [f"missing {item}" for item in verdict.missing] + list(verdict.problems)),
                                 suggestion="fix what the message names, then build again") for verdict in failed]
    if failures:
        raise OutputsFailed("\n".join(lines), failures)
    return [finding for finding in findings if finding.severity != ERROR]
