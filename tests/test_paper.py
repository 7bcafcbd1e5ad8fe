"""The paper brand.yaml chooses: every PDF laid out, fitted and verified on A4 (the poster on A3) as on Letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builders import BUILDERS
from generator.builders.site_flyer import SiteFlyerBuilder
from generator.content import load_content
from generator.errors import ContentError
from generator.paper import A4, LETTER, PAPERS, POSTER_PAPERS, TABLOID
from generator.pipeline import Request, run
from generator.verify import page_size_problems

from .conftest import BRAND, CONTENT, ROOT, made_once, page_texts, run_generator, words
from .pdfs import text_sizes

SPANISH = CONTENT.with_suffix(".es.yaml")
SITES = ROOT / "content" / "sites.example.yaml"
PDFS = ["flyer", "handout", "slides-handout", "facilitator-guide", "poster"]
# 210 × 297 mm and 297 × 420 mm in points, as the PDFs give them (to the millionth of a point).
A4_PT = (595.275591, 841.889764)
A3_PT = (841.889764, 1190.551181)


def with_paper(folder: Path, paper_size: str) -> Path:
    """Write the shipped brand, with `paper_size` as its paper, to folder/brand.yaml and return its path."""
    text = BRAND.read_text(encoding="utf-8")
    assert text.count("\npaper_size: letter\n") == 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yaml").write_text(text.replace("\npaper_size: letter\n", f"\npaper_size: {paper_size}\n"),
                                       encoding="utf-8")
    return folder / "brand.yaml"


def build_on_a4(folder: Path) -> None:
    """Build the English flyer on US Letter, then, the brand changed to A4, every PDF in English and the flyers and
    posters in Spanish, with the example sites' flyers; keep what the A4 builds wrote."""
    brand, output = folder / "brand" / "brand.yaml", folder / "output"
    with_paper(brand.parent, "letter")
    run(Request([CONTENT], brand, output, only=["flyer"], languages=["en"], workers=2))
    with_paper(brand.parent, "a4")
    written = run(Request([CONTENT], brand, output, only=PDFS, languages=["en"], sites=SITES, workers=2)).written
    written += run(Request([CONTENT], brand, output, only=["flyer", "poster"], languages=["es"], sites=SITES,
                           workers=2)).written
    (folder / "written.json").write_text(json.dumps(written), encoding="utf-8")


@pytest.fixture(scope="module")
def a4_build(tmp_path_factory) -> Path:
    """The folder of the A4 build (see build_on_a4): brand/brand.yaml, output/ and written.json."""
    return made_once(tmp_path_factory, "a4", build_on_a4)


def pdfs_in(folder: Path) -> list[Path]:
    """Return every PDF under `folder`, sorted."""
    return sorted(folder.rglob("*.pdf"))


def test_every_page_of_every_pdf_is_a4_and_the_poster_a3(a4_build):
    pdfs = pdfs_in(a4_build / "output")
    assert len(pdfs) == 12  # five English outputs, two Spanish, and five site flyers
    for path in pdfs:
        sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages]
        expected = A3_PT if path.name == "poster.pdf" else A4_PT
        assert sizes == [pytest.approx(expected, abs=1e-5)] * len(sizes), path


def test_a_flyer_built_on_us_letter_is_built_again_when_the_brand_changes_to_a4(a4_build):
    written = json.loads((a4_build / "written.json").read_text(encoding="utf-8"))
    assert "harm-reduction/flyer.pdf" in written  # built on US Letter before the brand changed


def test_verify_passes_on_a4_against_the_brand_that_asked_for_it(a4_build):
    verified = run_generator("verify", str(a4_build / "output"), "--brand", str(a4_build / "brand" / "brand.yaml"),
                             "--sites", str(SITES), cwd=ROOT)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count("  ok\n") == 12  # every PDF, each on its paper


@pytest.mark.parametrize(("output", "content", "builder"), [
    ("flyer.pdf", CONTENT, BUILDERS["flyer"]),
    ("es/flyer.pdf", SPANISH, BUILDERS["flyer"]),
    ("poster.pdf", CONTENT, BUILDERS["poster"]),
    ("es/poster.pdf", SPANISH, BUILDERS["poster"]),
    ("sites/riverside-mobile-unit/flyer.pdf", CONTENT, SiteFlyerBuilder()),
    ("sites/harbor-street-wellness-center/es/flyer.pdf", SPANISH, SiteFlyerBuilder()),
])
def test_each_flyer_and_poster_is_still_one_page_with_its_type_at_or_above_its_floor(a4_build, output, content,
                                                                                    builder):
    material = load_content(content, a4_build / "brand" / "brand.yaml")
    path = a4_build / "output" / CONTENT.stem / output
    assert len(PdfReader(path).pages) == 1
    sizes = text_sizes(path)
    headlines = [statement.headline for section in material.sections[:2] for statement in section.blocks[0].statements]
    # A headline may wrap; each of its printed lines is at least the least body size.
    printed = [size for text, size in sizes if len(text) > 2 and any(text in headline for headline in headlines)]
    assert printed and min(printed) >= builder.smallest_body
    # The title is the largest text, twice the body.
    largest = max(size for _, size in sizes)
    assert words(" ".join(text for text, size in sizes if size == largest)) == material.document.title
    assert largest >= 2 * builder.smallest_body


def test_a_paper_size_the_brand_cannot_have_is_refused_with_its_line(tmp_path):
    brand = with_paper(tmp_path, "A5")
    line = brand.read_text(encoding="utf-8").splitlines().index("paper_size: A5") + 1
    with pytest.raises(ContentError) as caught:
        load_content(CONTENT, brand)
    assert str(caught.value) == f"{brand}:{line}: paper_size: must be letter or a4, not 'A5'"


def test_a_brand_that_says_no_paper_prints_on_us_letter(tmp_path):
    brand = tmp_path / "brand.yaml"
    brand.write_text(BRAND.read_text(encoding="utf-8").replace("\npaper_size: letter\n", "\n"), encoding="utf-8")
    material = load_content(CONTENT, brand)
    assert material.brand.paper_size == "letter"
    assert [BUILDERS[name].paper(material) for name in PDFS] == [LETTER] * 4 + [TABLOID]


def test_every_paper_a_brand_may_choose_has_a_poster_sheet_twice_its_size():
    assert PAPERS.keys() == POSTER_PAPERS.keys()
    for name, paper in PAPERS.items():
        poster = POSTER_PAPERS[name]
        assert poster.width * poster.height == pytest.approx(2 * paper.width * paper.height, rel=0.05)


def test_a_us_letter_page_verified_against_an_a4_brand_is_named_with_both_sizes(outputs):
    pages = PdfReader(outputs / "flyer.pdf").pages
    assert page_size_problems(pages, A4) == ["page 1 is 612 x 792 pt; every page must be A4, 595.276 x 841.89 pt"]
    assert page_size_problems(pages, LETTER) == []


def test_the_web_page_prints_on_the_brands_paper(a4_build):
    from generator.builders.web_page import WebPageBuilder

    material = load_content(CONTENT, a4_build / "brand" / "brand.yaml")
    assert "@page { size: A4; margin: 0.7in 0.75in; }" in WebPageBuilder().render(material, [])


def test_the_credits_take_the_last_section_with_them_rather_than_stand_alone_on_a_page(tmp_path):
    """On A4 the room set-up's last section fits on the first page with a little room to spare, and its credits
    did not: they stood alone on the second."""
    from generator.builders.handout import HandoutBuilder

    material = load_content(ROOT / "tests" / "materials" / "room-setup.yaml", with_paper(tmp_path, "a4"))
    HandoutBuilder().build(material, tmp_path / "handout.pdf")
    last = page_texts(tmp_path / "handout.pdf")[-1]
    assert last.startswith(material.sections[-1].heading) and material.credits.heading in last
