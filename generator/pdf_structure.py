"""Finish the structure tree WeasyPrint writes into a tagged PDF, so that PDF/UA-1 readers can use all of it.

WeasyPrint 70 tags the content of `@page` margin boxes (the running footer, "Page N of M") with
structure elements it never links into the tree: their marked content cannot be reached from the
root (ISO 32000-1 14.7.2; Matterhorn 01-005). Running headers and footers are page furniture and
belong in artifacts (PDF/UA-1 7.8), so that content is turned into `/Artifact` marked content of
type `/Pagination` and its stray elements are dropped. WeasyPrint also gives table header cells
`/ID`s that data cells name in `/Headers`, but writes no `/IDTree` to look them up by (ISO 32000-1,
table 322); one is added.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name


def finish_tagged_pdf(path: Path) -> None:
    """Rewrite the tagged PDF at `path` with unreachable marked content as artifacts and an ID tree."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return
        tagged = tagged_content(tree)
        changed = "/IDTree" not in tree and any("/ID" in element for element in structure_elements(tree))
        for page in pdf.pages:
            reached = {mcid for objgen, mcid in tagged if objgen == page.obj.objgen}
            orphans = mark_artifacts(pdf, page, reached)
            drop_parent_tree_entries(tree, page, orphans)
            changed = changed or bool(orphans)
        if changed:  # a finished PDF is left as it is
            add_id_tree(pdf, tree)
            save(pdf, path)


def save(pdf: pikepdf.Pdf, path: Path) -> None:
    """Save `pdf` to `path`, small and with the same bytes for the same content."""
    # The /ID is computed from the content instead of the time. WeasyPrint's object streams and
    # compressed streams (fonts) are kept as they are; qpdf always writes the XMP metadata
    # uncompressed, so that it stays readable, which costs under a kilobyte.
    pdf.save(path, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.preserve,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)


def structure_elements(tree: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    """Yield every structure element reachable from the root `tree`, parents before their kids."""
    seen: set[tuple[int, int]] = set()
    stack = list(reversed(kids_of(tree)))
    while stack:
        node = stack.pop()
        if not is_element(node) or node.objgen in seen:
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        yield node
        stack.extend(reversed(kids_of(node)))


def kids_of(node: pikepdf.Dictionary) -> list:
    """Return the /K of `node` as a list, however it is written."""
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def is_element(node) -> bool:
    """Return whether `node` is a structure element (not an MCID, marked-content or object reference)."""
    return isinstance(node, Dictionary) and "/S" in node and node.get("/Type", Name.StructElem) == Name.StructElem


def marked_content(element: pikepdf.Dictionary) -> Iterator[tuple[tuple[int, int] | None, int]]:
    """Yield (page object number and generation, MCID) of each marked-content item `element` has itself."""
    page = element.get("/Pg")
    for kid in kids_of(element):
        if isinstance(kid, int):
            yield (page.objgen if page is not None else None), int(kid)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            own = kid.get("/Pg", page)
            yield (own.objgen if own is not None else None), int(kid.MCID)


def tagged_content(tree: pikepdf.Dictionary) -> set[tuple[tuple[int, int] | None, int]]:
    """Return every (page, MCID) a structure element reachable from the root `tree` holds."""
    return {item for element in structure_elements(tree) for item in marked_content(element)}


def mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, reached: set[int]) -> set[int]:
    """Turn each marked-content sequence on `page` whose MCID is not in `reached` into an artifact; return those MCIDs."""
    instructions = pikepdf.parse_content_stream(page)
    orphans = set()
    for number, instruction in enumerate(instructions):
        mcid = mcid_of(instruction)
        if mcid is None or mcid in reached:
            continue
        orphans.add(mcid)
        # What is left untagged in a tagged PDF is page furniture: WeasyPrint leaves only the @page
        # margin boxes (running footers, page numbers) out of the tree.
        artifact = Dictionary(Type=Name.Pagination)
        instructions[number] = pikepdf.ContentStreamInstruction([Name.Artifact, artifact], pikepdf.Operator("BDC"))
    if orphans:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return orphans


def mcid_of(instruction) -> int | None:
    """Return the MCID a BDC `instruction` opens, or None."""
    if not isinstance(instruction, pikepdf.ContentStreamInstruction) or str(instruction.operator) != "BDC":
        return None
    properties = instruction.operands[1] if len(instruction.operands) == 2 else None
    if isinstance(properties, Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def drop_parent_tree_entries(tree: pikepdf.Dictionary, page: pikepdf.Page, orphans: set[int]) -> None:
    """Remove the parent-tree entries of `page`'s `orphans`, so their stray elements are written no more."""
    if not orphans or "/StructParents" not in page.obj:
        return
    parents = parent_tree_entry(tree.ParentTree, int(page.obj.StructParents))
    if parents is None:
        return
    for mcid in orphans:
        if mcid < len(parents):
            parents[mcid] = None
    # The array is indexed by MCID: only trailing gaps can go; others stay null.
    while len(parents) and parents[len(parents) - 1] is None:
        del parents[len(parents) - 1]


def parent_tree_entry(node: pikepdf.Dictionary, key: int):
    """Return the value of `key` in the number tree `node`, or None."""
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums) - 1, 2):
            if int(nums[index]) == key:
                return nums[index + 1]
    for kid in node.get("/Kids", []):
        found = parent_tree_entry(kid, key)
        if found is not None:
            return found
    return None


def add_id_tree(pdf: pikepdf.Pdf, tree: pikepdf.Dictionary) -> None:
    """Give the structure tree root an /IDTree mapping each element's /ID to the element."""
    ids = {bytes(element.ID): element for element in structure_elements(tree) if "/ID" in element}
    if not ids:
        return
    names = Array()
    for key in sorted(ids):  # a name tree's keys are in byte order
        names.append(pikepdf.String(key))
        names.append(ids[key])
    tree.IDTree = pdf.make_indirect(Dictionary(Names=names))
