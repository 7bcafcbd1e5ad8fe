"""The poster: the flyer's content by the flyer's layout rules on one 11 × 17 in page, built when asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builders.flyer import _faults_between, line_faults
from generator.builders.poster import PosterBuilder
from generator.content import load_content
from generator.pipeline import Request, run
from generator.verify import verify_folder

from ..conftest import BRAND, CONTENT, ROOT, made_once, pdf_text, shows
from ..pdfs import text_sizes


@pytest.fixture(scope="module")
def posters(tmp_path_factory) -> Path:
    """The shipped content's posters, in English and Spanish, built when named on the command line."""
    def make(folder: Path) -> None:
        run(Request([CONTENT], BRAND, folder, only=["poster"], workers=2))

    return made_once(tmp_path_factory, "posters", make) / CONTENT.stem


@pytest.mark.parametrize("language", ["", "es"])
def test_the_poster_is_one_tabloid_page_with_what_the_flyer_shows(posters, language):
    material = load_content(CONTENT.with_suffix(f".{language}.yaml") if language else CONTENT, BRAND)
    path = posters / language / "poster.pdf"
    pages = PdfReader(path).pages
    assert len(pages) == 1 and (pages[0].mediabox.width, pages[0].mediabox.height) == (792, 1224)
    text = pdf_text(path)
    for expected in PosterBuilder().promises(material):
        assert shows(text, expected.text), expected.label
    assert verify_folder(path.parent, material, ["poster.pdf"])[0].passed


def test_the_posters_statements_are_32_point_or_more_and_its_title_twice_that(material, posters):
    sizes = text_sizes(posters / "poster.pdf")
    headlines = [statement.headline for section in material.sections[:2] for statement in section.blocks[0].statements]
    printed = [size for text, size in sizes if len(text) > 2 and any(text in headline for headline in headlines)]
    assert printed and min(printed) >= 32
    title = [size for text, size in sizes if text and text in material.document.title]
    assert title and min(title) >= 64


@pytest.mark.parametrize("language", ["", "es"])
def test_the_posters_size_is_the_largest_whose_lines_break_well(language):
    """At 38.5 pt the Spanish poster broke 'importante' between letters, and at 38 the English one left 'It' alone
    on the first line of 'It Saves Lives': those sizes fit the page but are not taken."""
    material = load_content(CONTENT.with_suffix(f".{language}.yaml") if language else CONTENT, BRAND)
    builder = PosterBuilder()
    document, size = builder.fit_to_one_page(material)
    assert line_faults(document) == []
    larger = builder.render(material, body_size=size + 0.5)
    assert len(larger.pages) > 1 or line_faults(larger)


def test_a_poster_is_planned_for_a_material_that_asks_for_one_or_when_named(tmp_path):
    from generator.build import choose_builders
    from generator.freshness import Checksums
    from generator.planning import plan_materials, plan_outputs

    content = tmp_path / "room-setup.yaml"
    content.write_text((ROOT / "tests" / "materials" / "room-setup.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def planned(only=None) -> list[str]:
        outputs = plan_outputs(plan_materials([content]), choose_builders(only), None, BRAND, Checksums(),
                               named=bool(only))
        return [Path(output.output).name for output in outputs]

    assert planned() == ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf", "index.html"]
    assert planned(["poster"]) == ["poster.pdf"]
    with open(content, "a", encoding="utf-8") as text:
        text.write("\noutputs:\n  poster: true\n")
    assert planned()[-1] == "poster.pdf"


@pytest.mark.parametrize(("lines", "faults"), [
    (["Mejora la", "seguridad públ", "ica"], ["'pública' is broken between two lines"]),
    (["It", "Saves Lives"], ["'It' stands alone on the first line of 'It Saves Lives'"]),
    (["Understanding", "Harm Reduction"], []),  # a long word alone reads well
    (["Overdose pre-", "vention kits"], []),  # broken at its own hyphen
    (["Mejora la", "seguridad", "pública"], []),
])
def test_the_faults_of_a_setting_of_lines_are_named(lines, faults):
    text = " ".join(lines).replace("públ ica", "pública").replace("pre- vention", "pre-vention")
    assert _faults_between(text, lines) == faults


def test_a_flyer_verified_as_a_poster_is_said_to_be_the_wrong_size(material, outputs, tmp_path):
    (tmp_path / "poster.pdf").write_bytes((outputs / "flyer.pdf").read_bytes())
    verdict = verify_folder(tmp_path, material, ["poster.pdf"])[0]
    assert "page 1 is 612 x 792 pt; every page must be 11 x 17 in, 792 x 1224 pt" in verdict.problems
