"""The print-shop files: the flyer and the poster as a copy shop asks for them, PDF/X-4 in CMYK with bleed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from generator import press
from generator.builders import BUILDERS
from generator.content import load_content
from generator.errors import BuildError
from generator.paper import LETTER, TABLOID
from generator.pipeline import Request, run
from generator.verify import verify_folder

from ..conftest import BRAND, CONTENT, made_once, pdf_text, words

NAMES = ["flyer-print-shop", "poster-print-shop"]


def with_marks(folder: Path) -> Path:
    """Return a copy of the brand, in `folder`, that asks for crop marks."""
    brand = folder / "brand.yaml"
    brand.write_text(BRAND.read_text(encoding="utf-8") + "crop_marks: true\n", encoding="utf-8")
    return brand


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """The shipped English material's print-shop flyer and poster, built as `build --only` builds them, and the
    flyer again with crop marks, in marks/."""
    def make(folder: Path) -> None:
        run(Request([CONTENT], BRAND, folder, only=NAMES, languages=["en"], workers=2))
        marked = folder / "marks"
        marked.mkdir()
        run(Request([CONTENT], with_marks(marked), marked / "output", only=NAMES[:1], languages=["en"]))

    return made_once(tmp_path_factory, "print-shop", make)


def boxes(path: Path) -> dict[str, list[float]]:
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        return {name: [float(value) for value in page[f"/{name}"]] for name in ("MediaBox", "TrimBox", "BleedBox")}


def operators(path: Path) -> list[tuple[list, str]]:
    """Return every drawing instruction of the first page and of the forms it draws, as (operands, operator)."""
    found = []
    with pikepdf.open(path) as pdf:
        holders, seen = [pdf.pages[0].obj], set()
        while holders:
            holder = holders.pop()
            if holder.objgen in seen:
                continue
            seen.add(holder.objgen)
            found += [([float(value) if isinstance(value, (int, float, pikepdf.Object)) and not isinstance(
                value, (pikepdf.Name, pikepdf.String, pikepdf.Array, pikepdf.Dictionary)) else value
                for value in operands], str(operator)) for operands, operator in pikepdf.parse_content_stream(holder)]
            holders += [form for form in (holder.get("/Resources") or {}).get("/XObject", {}).values()
                        if form.get("/Subtype") == "/Form"]
    return found


@pytest.mark.parametrize(("name", "paper"), [("flyer-print-shop", LETTER), ("poster-print-shop", TABLOID)])
def test_the_page_is_the_trim_with_an_eighth_of_an_inch_of_bleed_on_every_side(shop, name, paper):
    found = boxes(shop / "harm-reduction" / f"{name}.pdf")
    assert found["TrimBox"] == pytest.approx([0, 0, paper.width, paper.height], abs=0.01)
    assert found["BleedBox"] == pytest.approx([-9, -9, paper.width + 9, paper.height + 9], abs=0.01)
    assert found["MediaBox"] == found["BleedBox"]


def test_crop_marks_stand_outside_the_bleed_when_the_brand_asks_for_them(shop):
    path = shop / "marks" / "output" / "harm-reduction" / "flyer-print-shop.pdf"
    found = boxes(path)
    assert found["TrimBox"] == pytest.approx([0, 0, 612, 792], abs=0.01)
    assert found["BleedBox"] == pytest.approx([-9, -9, 621, 801], abs=0.01)
    assert found["MediaBox"] == pytest.approx([-36, -36, 648, 828], abs=0.01)
    # The eight marks are lines stroked in black ink alone.
    unmarked = operators(shop / "harm-reduction" / "flyer-print-shop.pdf")
    strokes = [operands for operands, operator in operators(path) if operator == "K"]
    assert len(strokes) - sum(operator == "K" for _, operator in unmarked) == 8
    assert strokes.count([0, 0, 0, 1]) >= 8


def test_it_is_pdf_x4_with_the_output_intent_of_gracol_coated(shop):
    with pikepdf.open(shop / "harm-reduction" / "flyer-print-shop.pdf") as pdf:
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in pdf.Root.Metadata.read_bytes()
        (intent,) = pdf.Root.OutputIntents
        assert (intent.S, str(intent.OutputConditionIdentifier)) == ("/GTS_PDFX", "CGATS TR 006")
        profile = intent.DestOutputProfile
        assert profile.N == 4 and profile.read_bytes()[16:20] == b"CMYK"
        assert b"GRACoL 2006 Coated #1" in profile.read_bytes()


def test_every_colour_is_cmyk_and_black_text_is_black_ink_alone(shop, material):
    drawn = operators(shop / "harm-reduction" / "flyer-print-shop.pdf")
    names = {operator for _, operator in drawn}
    assert not names & {"rg", "RG", "scn", "SCN"} and "k" in names
    cmyk = [tuple(operands) for operands, operator in drawn if operator in ("k", "K")]
    assert (0, 0, 0, pytest.approx(1, abs=0.2)) in cmyk  # the ink, a near black
    # The brand's primary (#1D4E5C) is printed in all four inks, as the profile gives it.
    assert any(c > 0.5 and y > 0.05 and k > 0.5 for c, m, y, k in cmyk)


def test_the_files_show_what_the_flyer_shows_and_pass_verify(shop, material):
    folder = shop / "harm-reduction"
    verdicts = verify_folder(folder, material, [f"{name}.pdf" for name in NAMES])
    assert [verdict.problems for verdict in verdicts] == [(), ()] and all(verdict.passed for verdict in verdicts)
    assert words(material.document.title) in words(pdf_text(folder / "flyer-print-shop.pdf"))


@pytest.mark.parametrize("spoil", ["rgb", "bleed", "identification"])
def test_verify_finds_what_a_press_would_refuse(shop, material, tmp_path, spoil):
    path = Path(shutil.copy(shop / "harm-reduction" / "flyer-print-shop.pdf", tmp_path / "flyer-print-shop.pdf"))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        if spoil == "rgb":
            page.contents_add(pdf.make_stream(b"1 0 0 rg 0 0 10 10 re f"))
        elif spoil == "bleed":
            del page.obj["/BleedBox"]
        else:
            pdf.Root.Metadata = pdf.make_stream(pdf.Root.Metadata.read_bytes().replace(b"PDF/X-4", b"PDF/X-0"))
        pdf.save(path)
    problems = verify_folder(tmp_path, material, ["flyer-print-shop.pdf"])[0].problems
    assert problems == ({
        "rgb": "page 1 has colours in RGB, which a PDF/X-4 file for a CMYK press may not have; build again to "
               "replace it",
        "bleed": "page 1 has no TrimBox or no BleedBox, so the shop cannot tell where to cut; build again to "
                 "replace it",
        "identification": "does not say it is PDF/X-4 (pdfxid:GTS_PDFXVersion in its XMP metadata); build again "
                          "to replace it",
    }[spoil],)


def test_pdfinfo_reads_it_as_pdf_x4_with_its_boxes(shop):
    """Read by Poppler, not by the code that wrote it."""
    path = shop / "harm-reduction" / "flyer-print-shop.pdf"
    shown = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True, text=True, check=True).stdout
    assert "TrimBox:             0.00     0.00   612.00   792.00" in shown
    assert "BleedBox:           -9.00    -9.00   621.00   801.00" in shown
    metadata = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in metadata


def test_the_same_content_gives_the_same_bytes(shop, tmp_path):
    run(Request([CONTENT], BRAND, tmp_path, only=NAMES[:1], languages=["en"]))
    assert (tmp_path / "harm-reduction" / "flyer-print-shop.pdf").read_bytes() == \
        (shop / "harm-reduction" / "flyer-print-shop.pdf").read_bytes()


def test_without_the_profile_the_build_says_how_to_make_it(material, tmp_path, monkeypatch):
    monkeypatch.setattr(press, "PROFILE", tmp_path / "missing.icc")
    press._to_cmyk.cache_clear()
    try:
        with pytest.raises(BuildError) as caught:
            BUILDERS["flyer-print-shop"].build(material, tmp_path / "flyer-print-shop.pdf")
    finally:
        press._to_cmyk.cache_clear()
    assert "run `make print-shop` to make it with ArgyllCMS from CGATS TR 006" in str(caught.value)


def test_a_material_asks_for_them_in_outputs(tmp_path):
    from generator.planning import plan_materials, plan_outputs
    from generator.freshness import Checksums

    content = tmp_path / CONTENT.name
    content.write_text(CONTENT.read_text(encoding="utf-8").replace("  site_flyers: true", "  site_flyers: true\n"
                                                                   "  print_shop: true"), encoding="utf-8")
    planned = plan_outputs(plan_materials([content], ["en"]), list(BUILDERS.values()), None, BRAND, Checksums())
    outputs = [Path(item.output).name for item in planned]
    assert "flyer-print-shop.pdf" in outputs and "poster-print-shop.pdf" not in outputs  # no poster asked for
    assert load_content(content, BRAND).outputs.print_shop
