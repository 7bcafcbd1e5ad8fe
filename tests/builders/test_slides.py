"""The training deck: reopened with python-pptx, it shows everything, fits, and is accessible."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from generator import deck_design as design
from generator.build import build
from generator.builders.slides import SlidesBuilder
from generator.contrast import contrast_ratio
from generator.deck_fit import overflowing_texts
from generator.errors import BuildError, ContentError

from ..conftest import shows
from ..shown import title_of
from ..test_slideplan import LONG_RULES, MEETING_ROOM, house_rules, steps_material, written

# The outputs made from one plan; the flyer and handout are not needed here.
DECK_AND_COMPANIONS = ["slides", "slides-handout", "facilitator-guide"]


@pytest.fixture(scope="module")
def deck(outputs):
    """The built deck, reopened."""
    return Presentation(outputs / "slides.pptx")


@pytest.fixture(scope="module")
def tables(table_deck):
    """The native tables of the shipped deck built with its comparison as tables (see with_native_tables)."""
    return [shape.table for slide in Presentation(table_deck).slides for shape in slide.shapes if shape.has_table]


def slide_texts(slide) -> list[str]:
    """Return every text on a slide, tables included, in shape order."""
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        elif shape.has_table:
            texts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return texts


def deck_text(deck) -> str:
    return " ".join(text for slide in deck.slides for text in slide_texts(slide))


def notes_text(deck) -> str:
    return " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)


def test_the_slides_are_16_by_9(deck):
    assert deck.slide_width * 9 == deck.slide_height * 16


def titles_of(deck) -> list[str]:
    return [title_of(slide) for slide in deck.slides]


def blocks_of(material, kind: str):
    """Return the material's blocks of `kind`, in reading order."""
    return [block for _, block, _ in material.blocks() if block.kind == kind]


def test_every_statement_is_on_a_slide_whose_notes_give_its_headline_as_key_message(material, deck):
    text, notes = deck_text(deck), notes_text(deck)
    for section, block, _ in material.blocks():
        for statement in block.statements or ():
            assert shows(text, statement.headline)
            if section.deck == "cards":  # the headline on its card, the body in the notes for the trainer to say
                assert shows(notes, f"{statement.headline} — {statement.body}")
                continue
            assert shows(text, statement.body)
            assert shows(notes, f"Key message: {statement.headline}")
            assert not shows(notes, statement.body), "the notes read the slide out again"
    for sentence in blocks_of(material, "text")[0].text:
        assert shows(text, sentence)


def test_the_title_slide_and_the_closing_slide_credit_the_authors(material, deck):
    first, last = deck.slides[0], deck.slides[-1]
    assert title_of(first) == material.document.title
    assert material.credits.heading in slide_texts(first)[1].split("\n")
    for author in material.credits.authors:
        assert shows(" ".join(slide_texts(first)), f"{author.name}, {author.role}")
        for detail in (author.name, author.role, author.organisation, author.email):
            assert shows(" ".join(slide_texts(last)), detail)


def test_every_slide_has_a_unique_title_in_its_title_placeholder(deck):
    titles = [title_of(slide) for slide in deck.slides]
    assert all(title.strip() for title in titles)
    assert len(set(titles)) == len(titles)


def test_every_slide_has_speaker_notes_with_timing(deck):
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Timing: about ")
        assert len(notes.split("\n")) > 1


def test_the_notes_add_up_to_the_whole_session(material, deck):
    minutes = material.facilitation.minutes
    last = deck.slides[-1].notes_slide.notes_text_frame.text
    total = int(last.split("(")[1].split(" of ")[1].split()[0])
    assert f"({total} of {total} minutes" in last
    assert total >= minutes.opening + minutes.agenda + minutes.closing


def test_every_text_box_fits_by_measure(material, outputs):
    assert overflowing_texts(outputs / "slides.pptx", material.brand.fonts.slides) == []


def test_body_text_is_at_least_20_point(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size.pt >= 20, run.text


def test_tables_have_a_header_row_repeated_on_every_slide(material, tables):
    assert len(tables) >= 2
    table = blocks_of(material, "table")[0].table
    for shown in tables:
        assert shown.first_row
        assert [cell.text for cell in shown.rows[0].cells] == list(table.columns)
    assert sum(len(shown.rows) - 1 for shown in tables) == len(table.rows)


def test_the_first_column_of_a_three_column_table_is_the_narrowest(tables):
    widths = [column.width for column in tables[0].columns]
    assert [round(width / sum(widths), 2) for width in widths] == [0.24, 0.38, 0.38]


# The comparison as versus panels (`deck: versus`)

VERSUS_LAYOUTS = {layout.name for layout in design.COMPARISONS.values()}


def versus_slides_of(deck) -> list:
    return [slide for slide in deck.slides if slide.slide_layout.name in VERSUS_LAYOUTS]


def compared_on(slide) -> tuple[list, list[tuple]]:
    """Return what a versus slide shows under its title, in reading order: the text boxes of the two things compared,
    and those of each row it compares, as (name, first thing's cell, second thing's cell)."""
    boxes = [shape for shape in slide.placeholders if shape.placeholder_format.idx != 0]
    return boxes[:2], [tuple(boxes[start:start + 3]) for start in range(2, len(boxes), 3)]


def text_of(shape) -> str:
    return shape.text_frame.text.replace("\u00a0", " ")


def comparison_of(material):
    """Return the shipped material's versus section and its table."""
    [(section, table)] = [(section, block.table) for section, block, _ in material.blocks() if block.kind == "table"]
    assert section.deck == "versus"
    return section, table


def test_every_cell_of_the_comparison_is_on_a_versus_slide_in_its_principles_panels(material, deck):
    _, table = comparison_of(material)
    rows = []
    for slide in versus_slides_of(deck):
        headings, compared = compared_on(slide)
        # The two things compared head the left and the right panels on every slide.
        assert [text_of(box) for box in headings] == list(table.columns[1:])
        for name, first, second in compared:
            assert name.top + name.height <= first.top and first.top == second.top
            assert headings[0].left <= first.left < headings[1].left <= second.left
            assert all(run.font.bold for paragraph in name.text_frame.paragraphs for run in paragraph.runs)
            rows.append((text_of(name), text_of(first), text_of(second)))
    assert rows == [tuple(row) for row in table.rows]
    assert not any(shape.has_table for slide in deck.slides for shape in slide.shapes)


def test_the_cells_on_versus_slides_are_at_least_28_point_and_nothing_there_under_24(material, deck):
    _, table = comparison_of(material)
    cells = {cell for row in table.rows for cell in row[1:]}
    sizes = {}  # each text on a versus slide, with its runs' sizes
    for slide in versus_slides_of(deck):
        for shape in slide.shapes:
            for paragraph in shape.text_frame.paragraphs:
                text = paragraph.text.replace("\u00a0", " ")
                sizes.setdefault(text, []).extend(run.font.size.pt for run in paragraph.runs)
    assert cells <= set(sizes)
    assert min(size for cell in cells for size in sizes[cell]) >= 28
    assert min(size for found in sizes.values() for size in found) >= 24


def test_each_versus_slide_compares_one_or_two_principles_on_as_few_slides_as_hold_them(material, deck):
    section, table = comparison_of(material)
    slides = versus_slides_of(deck)
    # Every pair of the English comparison fits at 28 pt: ten principles, five slides of two.
    assert [len(compared_on(slide)[1]) for slide in slides] == [2] * 5
    assert [slide.slide_layout.name for slide in slides] == ["Two Comparisons"] * 5
    assert titles_of(deck)[titles_of(deck).index(section.heading) + 1:][:5] == [
        f"{section.heading} ({number} of 5)" for number in range(1, 6)]


def test_the_deck_and_its_printed_slides_promise_the_comparison_as_its_versus_slides_show_it(material):
    from generator.builders import BUILDERS

    _, table = comparison_of(material)
    for name in DECK_AND_COMPANIONS:
        promised = [item.text for item in BUILDERS[name].promises(material)]
        assert set(table.columns[1:]) | {cell for row in table.rows for cell in row} <= set(promised), name
        assert table.columns[0] not in promised, name  # the rows' names say what the first column is


THREE_COLUMNS = ("a table of three columns (what each row names, then the two things compared), or take out "
                 "`deck: versus`")


@pytest.mark.parametrize(("heading", "problem"), [
    ("Before the meeting", "sections[0].deck: versus shows a table's rows as panels side by side, but this section "
                           f"has no table; add {THREE_COLUMNS}"),
    ("Which room to choose", "sections[1].deck: versus sets two columns side by side, but the table of blocks[0] has "
                             f"5 columns; make it {THREE_COLUMNS}"),
])
def test_a_versus_section_without_a_table_of_three_columns_is_refused_at_its_deck_line(tmp_path, heading, problem):
    text = MEETING_ROOM.replace(f"  - heading: {heading}\n", f"  - heading: {heading}\n    deck: versus\n")
    with pytest.raises(ContentError) as caught:
        written(tmp_path, text)
    line = text.splitlines().index("    deck: versus") + 1
    assert str(caught.value) == f"{tmp_path / 'material.yaml'}:{line}: {problem}"


def test_there_are_no_pictures_of_text(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.shape_type != 13, "a picture on a slide"  # MSO_SHAPE_TYPE.PICTURE


def test_every_run_names_its_language(material, deck):
    for slide in deck.slides:
        frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
        frames += [cell.text_frame for shape in slide.shapes if shape.has_table
                   for row in shape.table.rows for cell in row.cells]
        frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    assert run._r.rPr.get("lang") == material.document.language


def background_of(slide) -> str:
    fill = slide.slide_layout._element.cSld.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    if fill is None:
        fill = slide.slide_layout.slide_master._element.cSld.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    colour = fill.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr").get("val")
    return f"#{colour}"


def fill_of(shape) -> str | None:
    """Return the colour its layout draws behind a placeholder (a card, a panel or a band), if any."""
    from pptx.enum.dml import MSO_FILL

    if not shape.is_placeholder or shape.placeholder_format.idx == 0:
        return None
    drawn = shape.part.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
    return f"#{drawn.fill.fore_color.rgb}" if drawn is not None and drawn.fill.type == MSO_FILL.SOLID else None


def test_every_text_colour_contrasts_with_its_background(deck):
    checked = 0
    for slide in deck.slides:
        background = background_of(slide)
        for shape in slide.shapes:
            pairs = []
            if shape.has_text_frame:
                behind = fill_of(shape) or background
                pairs = [(run, behind) for p in shape.text_frame.paragraphs for run in p.runs]
            elif shape.has_table:
                pairs = [(run, f"#{cell.fill.fore_color.rgb}") for row in shape.table.rows for cell in row.cells
                         for p in cell.text_frame.paragraphs for run in p.runs]
            for run, behind in pairs:
                ratio = contrast_ratio(f"#{run.font.color.rgb}", behind)
                assert ratio >= 4.5, f"{run.text!r}: {ratio:.2f}:1"
                checked += 1
    assert checked > 50


def test_the_master_has_our_layouts_and_no_others(deck):
    names = [layout.name for layout in deck.slide_layouts]
    assert names == ["Title", "Section", "Title and Content", "Two Columns", "Table", "Closing", "Statement",
                     "Two Cards", "Three Cards", "Four Cards", "One Comparison", "Two Comparisons"]
    used = {slide.slide_layout.name for slide in deck.slides}
    assert {"Title", "Section", "Title and Content", "Closing", "Statement", "Four Cards", "Two Comparisons"} <= used


def test_the_word_a_statement_sets_apart_is_in_the_accent_colour_and_the_words_stay_as_written(material, deck):
    slide = slide_titled(deck, "It is NOT unethical.")
    runs = slide.shapes.title.text_frame.paragraphs[0].runs
    assert "".join(run.text for run in runs).replace("\u00a0", " ") == "It is NOT unethical."
    accent, primary = material.brand.palette.accent.lstrip("#").upper(), material.brand.palette.primary.lstrip("#").upper()
    assert [(run.text.strip(), str(run.font.color.rgb)) for run in runs] == [
        ("It is", primary), ("NOT", accent), ("unethical.", primary)]


def test_the_theme_uses_the_brand_and_the_deck_font(material, outputs):
    import zipfile

    theme = zipfile.ZipFile(outputs / "slides.pptx").read("ppt/theme/theme1.xml").decode()
    assert f'<a:latin typeface="{material.brand.fonts.slides}"/>' in theme
    assert material.brand.palette.primary.lstrip("#") in theme


def test_document_properties(material, deck):
    properties = deck.core_properties
    assert properties.title == material.document.title
    assert properties.author == material.brand.organisation
    assert properties.language == material.document.language
    assert properties.created.date() == material.document.date
    assert properties.keywords.split("; ") == [material.document.title,
                                                *(section.heading for section in material.sections)]


def with_statement(material, section: int, index: int, **changes):
    """Return `material` with statement `index` of the first block of section `section` changed."""
    sections = list(material.sections)
    block = sections[section].blocks[0]
    statements = list(block.statements)
    statements[index] = dataclasses.replace(statements[index], **changes)
    blocks = (dataclasses.replace(block, statements=tuple(statements)), *sections[section].blocks[1:])
    sections[section] = dataclasses.replace(sections[section], blocks=blocks)
    return dataclasses.replace(material, sections=tuple(sections))


def test_a_long_statement_continues_on_another_slide_and_still_fits(material, tmp_path):
    statement = material.sections[0].blocks[0].statements[2]
    long_body = " ".join([statement.body] * 10)
    SlidesBuilder().build(with_statement(material, 0, 2, body=long_body), tmp_path / "slides.pptx")
    deck = Presentation(tmp_path / "slides.pptx")
    titles = titles_of(deck)
    assert statement.headline in titles
    assert f"{statement.headline} (continued)" in titles
    assert overflowing_texts(tmp_path / "slides.pptx", material.brand.fonts.slides) == []
    continued = [" ".join(slide_texts(slide)[1:]) for slide in deck.slides
                 if title_of(slide).startswith(statement.headline)]
    assert shows(" ".join(continued), long_body)


def test_a_statement_without_a_body_has_its_headline_alone(material, tmp_path):
    SlidesBuilder().build(with_statement(material, 0, 3, body=""), tmp_path / "slides.pptx")
    deck = Presentation(tmp_path / "slides.pptx")
    slide = deck.slides[titles_of(deck).index("It is NOT unethical.")]
    assert slide_texts(slide) == ["It is NOT\u00a0unethical."]  # its last two words kept on one line
    assert "Key message: It is NOT unethical.\n" in slide.notes_slide.notes_text_frame.text


def test_a_title_too_long_for_any_slide_names_its_line(material, tmp_path):
    long = with_statement(material, 0, 1, headline="It is NOT " + "very " * 60 + "long.")
    with pytest.raises(BuildError) as caught:
        SlidesBuilder().build(long, tmp_path / "slides.pptx")
    field = "sections[0].blocks[0].statements[1].headline"
    assert str(caught.value).startswith(f"{material.source}:{material.line_of(field)}: {field}: 'It is NOT very very")
    assert str(caught.value).endswith("is too long for a slide title even at 28 pt; shorten it")
    assert not (tmp_path / "slides.pptx").exists()


# Decks of other materials: what a viewer sees in the deck built from them

@pytest.fixture(scope="module")
def meeting_room(meeting_room_deck):
    """A material without statements (steps, points, a five-column table, contacts, a callout), and its deck (built
    once a run with its companions, see conftest.py)."""
    material, folder = meeting_room_deck
    return material, Presentation(folder / "slides.pptx")


def slide_titled(deck, title: str):
    return deck.slides[titles_of(deck).index(title)]


def test_a_deck_without_statements_shows_every_kind_of_block(meeting_room):
    material, deck = meeting_room
    assert titles_of(deck) == [
        "Setting Up the Meeting Room", "What this session covers",
        "Before the meeting", "Before the meeting (1 of 2)", "Before the meeting (2 of 2)",
        "Which room to choose", "Which room to choose: at a glance",
        "Who to call", "Who to call (1 of 2)", "Who to call (2 of 2)",
        "Let's discuss", "Questions and contacts"]
    steps = slide_titled(deck, "Before the meeting (1 of 2)").placeholders[1].text_frame.paragraphs
    assert [(p.text, p.runs[0].font.bold) for p in steps[:3]] == [
        ("1. Book the room.", True),
        ("Use the shared calendar at least a day ahead, and add the number of guests.", False),
        ("2. Check the screen and the cables.", True)]
    assert slide_texts(slide_titled(deck, "Before the meeting (2 of 2)"))[1].split("\n") == [
        "• Water jug and glasses", "• Spare pens and paper", "• A sign on the door with the meeting's name"]
    callout = slide_titled(deck, "Who to call (2 of 2)")
    assert slide_texts(callout)[1] == "Leave the room as you found it for the next group."
    assert callout.placeholders[1].text_frame.paragraphs[0].runs[0].font.size.pt == 40
    assert slide_texts(slide_titled(deck, "Let's discuss"))[1].split("\n") == [
        "• What do you check first when you arrive?", "• Who do you call when the screen stays dark?"]


def test_a_five_column_table_is_a_native_table_with_its_header(meeting_room):
    material, deck = meeting_room
    slide = slide_titled(deck, "Which room to choose: at a glance")
    assert slide.slide_layout.name == "Table"
    table = next(shape for shape in slide.shapes if shape.has_table).table
    assert [cell.text for cell in table.rows[0].cells] == ["Room", "Seats", "Screen", "Booked through", "Good for"]
    assert [cell.text for cell in table.rows[3].cells] == [
        "Hall", "40", "Projector and sound system", "Facilities office", "Open days and whole-staff meetings"]
    widths = [column.width for column in table.columns]
    assert widths[0] < widths[1] and len(set(widths[1:])) == 1
    notes = slide.notes_slide.notes_text_frame.text
    assert "Ask: Which row is closest to how you work today?" in notes and "Projector and sound system" not in notes


def test_contacts_are_in_two_columns_with_the_name_in_bold(meeting_room):
    material, deck = meeting_room
    slide = slide_titled(deck, "Who to call (1 of 2)")
    assert slide.slide_layout.name == "Two Columns"
    left, right = (shape.text_frame for shape in slide.placeholders if shape.placeholder_format.idx != 0)
    assert [(p.text, p.runs[0].font.bold) for p in left.paragraphs[:3]] == [
        ("Front desk", True), ("Keys, signs and visitor badges", False),
        ("(203)\u00a0555-0100", False)]  # a no-break space: the number is never split over two lines
    assert "example.org/it" in left.text and "help@example.org" in left.text
    assert right.paragraphs[0].text == "Facilities office" and "facilities@example.org" in right.text


def test_a_deck_of_another_material_fits_and_has_notes_with_timing(meeting_room, tmp_path):
    material, deck = meeting_room
    deck.save(tmp_path / "slides.pptx")
    assert overflowing_texts(tmp_path / "slides.pptx", material.brand.fonts.slides) == []
    for slide in deck.slides:
        assert slide.notes_slide.notes_text_frame.text.startswith("Timing: about ")
    steps = slide_titled(deck, "Before the meeting (1 of 2)")
    assert "Ask who has booked a room before" in steps.notes_slide.notes_text_frame.text


def test_a_material_of_one_text_block(tmp_path):
    material = house_rules(tmp_path, LONG_RULES)
    build(material, tmp_path / "output", DECK_AND_COMPANIONS)
    deck = Presentation(tmp_path / "output" / "slides.pptx")
    titles = titles_of(deck)
    assert titles[:3] == ["Meeting Room House Rules", "What this session covers", "The rules"]
    assert titles[-1] == "Questions and contacts"
    text = [t for title in titles[3:-1] if title.startswith("The rules")
            for t in slide_texts(slide_titled(deck, title))[1:]]
    assert shows(" ".join(text), " ".join(LONG_RULES))
    first, last = slide_texts(deck.slides[0]), slide_texts(deck.slides[-1])
    assert "Written by" in first[1].split("\n") and shows(" ".join(first), "Sam Rivera, Office Manager")
    assert shows(" ".join(last), "sam.rivera@example.org")


def test_a_long_list_of_steps_flows_onto_numbered_slides(tmp_path):
    material = written(tmp_path, steps_material(14))
    SlidesBuilder().build(material, tmp_path / "slides.pptx")
    deck = Presentation(tmp_path / "slides.pptx")
    numbered = [title for title in titles_of(deck) if title.startswith("Setting out the chairs (")]
    assert len(numbered) >= 2
    assert numbered == [f"Setting out the chairs ({n} of {len(numbered)})" for n in range(1, len(numbered) + 1)]
    steps = [p.text for title in numbered for p in slide_titled(deck, title).placeholders[1].text_frame.paragraphs
             if p.runs[0].font.bold]
    assert steps == [f"{n}. Put chair {n} in its place." for n in range(1, 15)]
    assert overflowing_texts(tmp_path / "slides.pptx", material.brand.fonts.slides) == []


def test_two_slides_with_one_title_fail_naming_the_second(tmp_path):
    text = MEETING_ROOM.replace("      - callout: Leave the room as you found it for the next group.\n", """\
  - heading: Good habits
    blocks:
      - statements:
          - headline: Tidy up.
            body: Put the chairs back in their rows.
          - headline: Tidy up.
            body: Wipe the whiteboard clean.
""")
    material = written(tmp_path, text)
    with pytest.raises(BuildError) as caught:
        SlidesBuilder().build(material, tmp_path / "slides.pptx")
    field = "sections[3].blocks[0].statements[1].headline"
    line = [number for number, written_line in enumerate(text.splitlines(), start=1)
            if written_line.endswith("headline: Tidy up.")][1]
    assert str(caught.value) == (f"{material.source}:{line}: {field}: two slides would be titled 'Tidy up.'; "
                                 "change one of them")
    assert not (tmp_path / "slides.pptx").exists()


def test_the_overflow_check_catches_text_too_big_for_its_box(tmp_path):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Emu(914400), Emu(914400), Emu(914400 * 3), Emu(914400))
    box.text_frame.text = "This sentence is much too long to fit in a one-inch-high box at forty points."
    box.text_frame.paragraphs[0].runs[0].font.size = Emu(40 * 12700)
    deck.save(tmp_path / "crowded.pptx")
    problems = overflowing_texts(tmp_path / "crowded.pptx", "Calibri")
    assert len(problems) == 1 and problems[0].startswith("slide 1, 'TextBox 1' needs ")


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (CI installs it)")
def test_libreoffice_opens_the_deck_with_one_page_per_slide(deck, outputs, tmp_path):
    finished = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(outputs / "slides.pptx")],
        capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    pages = PdfReader(tmp_path / "slides.pdf").pages
    assert len(pages) == len(deck.slides)
    assert shows(pages[0].extract_text(), title_of(deck.slides[0]))


def test_every_slides_notes_end_by_leading_into_the_next_slide(deck, material):
    """A trainer reads the way on before clicking: "Next: <the next slide's title>", on every slide but the last."""
    slides = list(deck.slides)
    notes = [slide.notes_slide.notes_text_frame.text.split("\n") for slide in slides]
    titles = [title_of(slide) for slide in slides]
    for number, (paragraphs, following) in enumerate(zip(notes, titles[1:]), start=1):
        assert paragraphs[-1] == material.labels.next_slide.format(title=following), number
    assert not notes[-1][-1].startswith("Next:")


def test_the_trainer_and_the_date_are_on_the_title_slide_and_the_trainer_first_on_the_closing_slide(material,
                                                                                                     tmp_path):
    facilitation = dataclasses.replace(material.facilitation, trainer="Alex Rivera", trainer_contact="(203) 555-0100",
                                       session_date="December 10, 2026")
    given = dataclasses.replace(material, facilitation=facilitation)
    SlidesBuilder().build(given, tmp_path / "slides.pptx")
    slides = list(Presentation(tmp_path / "slides.pptx").slides)
    assert "\nAlex Rivera · December 10, 2026\n" in slide_texts(slides[0])[1].replace("\u00a0", " ")
    closing = [text.replace("\u00a0", " ") for text in slide_texts(slides[-1])]
    assert closing[0] == "Thank you! Questions and contacts"
    assert closing[1].startswith("Alex Rivera\nYour trainer\n(203) 555-0100\nJohn Hamilton")
    assert closing[-1] == (f"{material.call_to_action_line}\nThe full text is in the handout and at "
                           f"liberationprograms.org. {material.version_line}")
    notes = slides[-1].notes_slide.notes_text_frame.text
    assert "Key message: " in notes and "(203) 555-0100" not in notes  # shown on the slide, not read out again
