"""Any text in the content builds outputs that show it, or is refused with a message: never a crash."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content import showable_characters
from generator.fonts import FAMILIES, SLIDE_FAMILIES

from .conftest import BRAND, CONTENT, pdf_text, shows
from .shown import deck_text

# A build of three outputs takes about a second, a refusal milliseconds. `make test` tries a few texts; set
# EXAMPLES=300 (e.g. `EXAMPLES=300 make test`) to try many more before a release.
EXAMPLES = int(os.environ.get("EXAMPLES", "8"))
OUTPUTS = {"flyer": "flyer.pdf", "handout": "handout.pdf", "slides": "slides.pptx"}

SHIPPED = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
# The texts to replace: the statements, the comparison's principles and cells, and the authors' names. The
# principle "View of Relapse" stays: an acknowledgement in the content names it, and would fail the check.
ROWS = ("sections", 2, "blocks", 1, "table", "rows")
FIELDS = (
    [("sections", section, "blocks", 0, "statements", index, key) for section in (0, 1)
     for index in range(len(SHIPPED["sections"][section]["blocks"][0]["statements"])) for key in ("headline", "body")]
    + [(*ROWS, index, column) for index in range(len(SHIPPED["sections"][2]["blocks"][1]["table"]["rows"]))
       for column in range(3) if (index, column) != (6, 0)]
    + [("credits", "authors", index, "name") for index in range(len(SHIPPED["credits"]["authors"]))]
)

_BRAND = yaml.safe_load(BRAND.read_text(encoding="utf-8"))["fonts"]
# Characters both the PDF font and the deck font can show, as the content check accepts them.
SHOWABLE = sorted(chr(code) for code in showable_characters(FAMILIES[_BRAND["print"]])
                  & showable_characters(SLIDE_FAMILIES[_BRAND["slides"]]) if not chr(code).isspace())
LETTERS = [character for character in SHOWABLE if character.isalpha()]
VOCABULARY = sorted(set(CONTENT.read_text(encoding="utf-8").split()) - {"#", "-", ">-"})

# Kinds of text, each listed as often as it should be drawn: mostly text the fonts can show, so that many
# examples build, and the rest hostile.
KINDS_OF_TEXT = [
    *[st.text(st.sampled_from(SHOWABLE + [" ", "\n", "\t", "\u00a0"]), min_size=1, max_size=60)] * 4,
    st.text(st.sampled_from(LETTERS), min_size=60, max_size=300),  # one word longer than any line
    # Far more than any box holds, in the content's own words: the spelling check takes long over unknown ones.
    st.lists(st.sampled_from(VOCABULARY), min_size=60, max_size=600).map(" ".join),
    st.text(max_size=30),  # anything at all
    # What the fonts lack: emoji, right-to-left letters, controls, combining marks, odd spaces.
    st.text(st.characters(categories=["Lo", "So", "Mn", "Cf", "Cc", "Zs", "Zl"]), min_size=1, max_size=10),
    st.sampled_from(["", " ", "\n\t", "\u00a0"]),  # nothing to show
]
texts = st.integers(0, len(KINDS_OF_TEXT) - 1).flatmap(KINDS_OF_TEXT.__getitem__)
edits = st.dictionaries(st.sampled_from(FIELDS), texts, min_size=1, max_size=4)


def content_with(changes: dict) -> dict:
    """Return the shipped content with each field named in `changes` given its new text."""
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))  # a fresh copy to change
    for path, text in changes.items():
        place = content
        for key in path[:-1]:
            place = place[key]
        place[path[-1]] = text
    return content


def command_line(*arguments: str) -> tuple[int, str]:
    """Run the command line in this process; return its exit status and what it printed as errors."""
    said = io.StringIO()
    with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
        status = main(list(arguments))
    return status, said.getvalue()


def refusal(said: str) -> str | None:
    """Return what kind of user-facing refusal `build` printed, or None if it printed none.

    The command line prints a UserError as its message: a content problem ends with a count, an output
    that could not be built starts with "error:"; a failed check ends with its own sentence.
    """
    lines = said.splitlines() or [""]
    if lines[-1].endswith(("problem found; nothing was built.", "problems found; nothing was built.")):
        return "the content"
    if lines[-1] == "Nothing was built: fix the errors above first.":
        return "a check"
    if any(line.startswith("error: ") for line in lines):
        return "an output"
    return None


def as_read(text: str) -> str:
    """Return `text` as the content reader keeps it: white space tidied, accents composed."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes=edits)
def test_any_text_is_built_readably_or_refused_with_a_message(changes):
    with tempfile.TemporaryDirectory() as folder:
        content, built = Path(folder) / "content.yaml", Path(folder) / "output"
        output = built / "content"  # the material's own folder
        content.write_text(yaml.safe_dump(content_with(changes), allow_unicode=True, sort_keys=False),
                           encoding="utf-8")

        status, said = command_line("build", str(content), "--out", str(built), "--brand", str(BRAND),
                                    "--only", *OUTPUTS)

        if status != 0:
            assert (status, refusal(said) is not None) == (1, True), said
            assert not built.exists() or not any(built.iterdir()), "a refused build left files behind"
            event(f"refused for {refusal(said)}")  # shown by --hypothesis-show-statistics
            return
        event("built")
        rows = content_with(changes)
        for key in ROWS:
            rows = rows[key]
        names = [as_read(row[0]) for row in rows]
        shown = {"flyer": pdf_text(output / OUTPUTS["flyer"]), "handout": pdf_text(output / OUTPUTS["handout"]),
                 "slides": deck_text(output / OUTPUTS["slides"])}
        for output_name, text in shown.items():
            if output_name == "flyer":
                continue  # the flyer leaves the comparison to the handout and the deck
            for name in names:
                assert shows(text, name), f"{output_name} does not show the principle {name!r}"
