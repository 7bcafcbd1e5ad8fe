"""Every PDF's structure tree is whole: all tagged content reachable from the root, footers as artifacts, headers found."""

from __future__ import annotations

import shutil

import page as page_validation
import pikepdf
import pytest
from pypdf import PdfReader

from generator.pdf_structure import finish_tagged_pdf

from .conftest import words

PDFS = ["flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf"]
WITH_FOOTERS = ["handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf"]


@pytest.fixture(params=PDFS)
def pdf(request, outputs):
    """Each PDF output of the shipped content, opened with pikepdf."""
    with pikepdf.open(outputs / request.param) as opened:
        yield opened


def elements(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Dictionary, pikepdf.Dictionary | None]]:
    """Return every structure element reachable from the root with its parent element, depth first."""
    root = pdf.Root.StructTreeRoot
    found, seen, stack = [], set(), [(kid, None) for kid in reversed(kids(root))]
    while stack:
        node, parent = stack.pop()
        if not (isinstance(node, pikepdf.Dictionary) and "/S" in node):
            continue
        assert node.objgen not in seen, f"{node.S} is in the tree twice"
        seen.add(node.objgen)
        found.append((node, parent))
        stack.extend((kid, node) for kid in reversed(kids(node)))
    return found


def kids(node) -> list:
    """Return the /K of `node` as a list."""
    value = node.get("/K")
    return [] if value is None else list(value) if isinstance(value, pikepdf.Array) else [value]


def mcids_of(element) -> list[tuple[tuple[int, int], int]]:
    """Return (page, MCID) of each marked-content item `element` holds itself."""
    found = []
    for kid in kids(element):
        if isinstance(kid, int):
            assert "/Pg" in element, f"{element.S} holds MCID {kid} but names no page (/Pg)"
            found.append((element.Pg.objgen, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.append((kid.get("/Pg", element.get("/Pg")).objgen, int(kid.MCID)))
    return found


def marked_content(page: pikepdf.Page) -> tuple[list[int], list[int]]:
    """Return the MCIDs on `page` outside artifacts, and those inside one (which must be none)."""
    tagged, in_artifacts, stack = [], [], []
    for operands, operator in pikepdf.parse_content_stream(page, "BDC BMC EMC"):
        if str(operator) == "EMC":
            stack.pop()
            continue
        artifact = operands[0] == "/Artifact" or "artifact" in stack
        stack.append("artifact" if artifact else "content")
        properties = operands[1] if len(operands) == 2 else None
        if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
            (in_artifacts if artifact else tagged).append(int(properties.MCID))
    assert not stack, "a marked-content sequence is never closed"
    return tagged, in_artifacts


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    """Return the parent tree's entries by key (a flat /Nums, as WeasyPrint writes it)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}


def test_every_tagged_content_item_is_reachable_from_the_root(pdf):
    reached = {item for element, _ in elements(pdf) for item in mcids_of(element)}
    for number, page in enumerate(pdf.pages, start=1):
        tagged, in_artifacts = marked_content(page)
        assert tagged, f"page {number} has no tagged content"
        unreached = [mcid for mcid in tagged if (page.obj.objgen, mcid) not in reached]
        assert not unreached, f"page {number}: MCIDs {unreached} are not reachable from the structure tree root"
        assert not in_artifacts, f"page {number}: MCIDs {in_artifacts} are inside an artifact"


def test_every_element_names_its_page_parent_and_content_consistently(pdf):
    pages = {page.obj.objgen: (page, set(marked_content(page)[0])) for page in pdf.pages}
    parents = parent_tree(pdf)
    for element, parent in elements(pdf):
        if parent is not None:
            assert element.P.objgen == parent.objgen, f"{element.S}'s /P is not the element holding it"
        if "/Pg" in element:
            assert element.Pg.objgen in pages, f"{element.S}'s /Pg is not a page of the document"
        for page, mcid in mcids_of(element):
            shown, content = pages[page]
            assert mcid in content, f"{element.S} holds MCID {mcid}, which its page does not have"
            owner = parents[int(shown.obj.StructParents)][mcid]
            assert owner.objgen == element.objgen, f"the parent tree gives MCID {mcid} to another element"


def test_the_parent_tree_holds_only_elements_in_the_tree(pdf):
    reachable = {element.objgen for element, _ in elements(pdf)}
    for key, value in parent_tree(pdf).items():
        for entry in value if isinstance(value, pikepdf.Array) else [value]:
            assert entry is None or entry.objgen in reachable, f"parent tree entry {key} is not in the tree"


def test_every_table_header_a_cell_names_resolves_through_the_id_tree(pdf):
    reachable = {element.objgen for element, _ in elements(pdf)}
    named = [name for element, _ in elements(pdf) if "/A" in element
             for attributes in ([element.A] if isinstance(element.A, pikepdf.Dictionary) else element.A)
             if isinstance(attributes, pikepdf.Dictionary)
             for name in attributes.get("/Headers", [])]
    if not named:
        return
    assert "/IDTree" in pdf.Root.StructTreeRoot, "table cells name their headers' IDs, but there is no /IDTree"
    ids = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    for name in named:
        assert str(name) in ids, f"the header ID {name} is not in the /IDTree"
        header = ids[str(name)]
        assert header.S == "/TH" and header.ID == name and header.objgen in reachable


@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_passes_an_independent_pdf_ua_1_validator(outputs, name):
    report = page_validation.validate_pdf(outputs / name, profile=page_validation.ValidationProfile.PDF_UA_1)
    failures = sorted({f"{failure.rule_id}: {failure.message}" for failure in report.failures})
    assert report.is_compliant, f"{name} fails PDF/UA-1 (page-validation, the veraPDF rules): {failures}"


def test_the_footers_are_artifacts(outputs, material):
    for name in WITH_FOOTERS:
        pages = PdfReader(outputs / name).pages
        for number, page in enumerate(pages, start=1):
            furniture = artifact_text(page)
            assert f"Page {number} of {len(pages)}" in furniture, f"{name} page {number}: no page number artifact"
            assert material.brand.organisation in furniture, f"{name} page {number}: no running footer artifact"


def artifact_text(page) -> str:
    """Return the text drawn inside pagination artifacts on a page of a PDF read by pypdf."""
    inside, text = [], []

    def operator(name, operands, *_):
        if name in (b"BDC", b"BMC"):
            properties = operands[1] if len(operands) == 2 else {}
            inside.append(operands[0] == "/Artifact" and properties.get("/Type") == "/Pagination"
                          or bool(inside and inside[-1]))
        elif name == b"EMC":
            inside.pop()

    def shown(string, *_):
        if inside and inside[-1]:
            text.append(string)

    page.extract_text(visitor_operand_before=operator, visitor_text=shown)
    return words(" ".join(text))


def test_the_fonts_stay_embedded_and_a_finished_pdf_is_left_as_it_is(outputs, tmp_path):
    once = tmp_path / "handout.pdf"
    shutil.copy(outputs / "handout.pdf", once)
    finish_tagged_pdf(once)
    assert once.read_bytes() == (outputs / "handout.pdf").read_bytes()
    with pikepdf.open(once) as pdf:
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        descendants = [font.DescendantFonts[0] if "/DescendantFonts" in font else font for font in fonts]
        assert all(any(key in font.FontDescriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                   for font in descendants)
