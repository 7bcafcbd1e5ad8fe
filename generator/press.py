"""Print-shop files: the flyer and the poster as a copy shop asks for them.

Each is PDF/X-4 for a CMYK press: its colours are converted from the brand's sRGB to
CMYK through the profile of the print condition, which the file carries as its output
intent; the page is the trim, with 1/8 in of bleed around it (and crop marks beyond
that, when the brand asks for them), and the PDF's boxes say so: TrimBox is the page,
BleedBox the page and its bleed.

The print condition is GRACoL 2006 Coated #1, the reference for commercial printing
on coated paper in the US. Its profile is made at install time (see the Makefile and
make_profile below) by ArgyllCMS from the measurements that ANSI CGATS published in
TR 006-2007, which Debian ships in icc-profiles-free: CGATS lets anyone make profiles
from them and share them without asking, so long as TR 006 is named as their source.
The profiles printers are usually sent (IDEAlliance's GRACoL2006_Coated1v2.icc, say)
may be used but not passed on.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from .errors import BuildError

BLEED_PT = 9.0  # 0.125 in, the bleed a copy shop asks for
SLUG_PT = 27.0  # 0.375 in beyond the bleed, for the crop marks, when the brand asks for them
PROFILE = Path(sys.prefix) / "share" / "teaching-materials" / "GRACoL2006-Coated1.icc"
CONDITION = "CGATS TR 006"  # the print condition's name in the ICC's registry of characterization data
CONDITION_NAME = "GRACoL 2006 Coated #1 (ANSI CGATS TR 006-2007)"
REGISTRY = "http://www.color.org"
# The ICC header's date, fixed to the date of the measurements, so that the same ArgyllCMS makes the same bytes.
PROFILE_DATE = (2006, 8, 28, 0, 0, 0)


def press_profile() -> Path:
    """Return the CMYK profile the print-shop files are made for; raise BuildError if it was not made."""
    if not PROFILE.is_file():
        raise BuildError(f"the print-shop files need the CMYK profile of their print condition, {PROFILE}; run "
                         "`make print-shop` to make it with ArgyllCMS from CGATS TR 006 (on Debian it installs "
                         "them itself when run as root, or: `sudo apt-get install argyll icc-profiles-free`)")
    return PROFILE


def make_profile(made: Path, target: Path) -> None:
    """Copy the profile ArgyllCMS `made` to `target` with the date in its header fixed (see PROFILE_DATE)."""
    import struct

    data = bytearray(made.read_bytes())
    if data[36:40] != b"acsp" or data[16:20] != b"CMYK":
        raise SystemExit(f"{made} is not a CMYK ICC profile")
    struct.pack_into(">6H", data, 24, *PROFILE_DATE)
    data[84:100] = bytes(16)  # no profile ID: it would be a checksum of the header as it was
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))


@functools.lru_cache(maxsize=1)
def _to_cmyk():
    """Return a function that gives the CMYK (0 to 1 each) the press prints for an sRGB colour (0 to 1 each)."""
    from PIL import Image, ImageCms

    press = ImageCms.getOpenProfile(str(press_profile()))
    srgb = ImageCms.createProfile("sRGB")
    forward = ImageCms.buildTransform(srgb, press, "RGB", "CMYK",
                                      renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    lab = ImageCms.buildTransform(srgb, ImageCms.createProfile("LAB"), "RGB", "LAB")
    back = ImageCms.buildTransform(press, ImageCms.createProfile("LAB"), "CMYK", "LAB")

    @functools.lru_cache(maxsize=256)
    def convert(red: float, green: float, blue: float) -> tuple[float, float, float, float]:
        pixel = Image.new("RGB", (1, 1), tuple(round(channel * 255) for channel in (red, green, blue)))
        lightness, a, b = ImageCms.applyTransform(pixel, lab).getpixel((0, 0))
        # Grays, black text above all, are printed in black ink alone: four inks on top of one another blur
        # small type as soon as the plates are a hair out of register.
        if abs(a - 128) <= 3 and abs(b - 128) <= 3:
            return (0.0, 0.0, 0.0, _black_for(lightness, back))
        cyan, magenta, yellow, black = ImageCms.applyTransform(pixel, forward).getpixel((0, 0))
        return tuple(round(ink / 255, 4) for ink in (cyan, magenta, yellow, black))

    return convert


def _black_for(lightness: int, back) -> float:
    """Return the black ink alone (0 to 1) whose print has the `lightness` (0 to 255, L* scaled) asked for."""
    from PIL import Image, ImageCms

    low, high = 0, 255
    while low < high:  # the print darkens as the black grows
        middle = (low + high) // 2
        printed = ImageCms.applyTransform(Image.new("CMYK", (1, 1), (0, 0, 0, middle)), back).getpixel((0, 0))[0]
        if printed > lightness:
            low = middle + 1
        else:
            high = middle
    return round(low / 255, 4)


def finish_for_press(path: Path, marks: bool) -> None:
    """Rewrite the PDF/X-4 at `path`, as WeasyPrint wrote it, for the press: its colours in CMYK, the output
    intent of the print condition, and TrimBox and BleedBox where the page and its bleed are."""
    import pikepdf

    from .pdf_structure import save

    margin = BLEED_PT + (SLUG_PT if marks else 0.0)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        convert = _to_cmyk()
        for page in pdf.pages:
            _convert_content(pdf, page.obj, convert, set())
            left, bottom, right, top = (float(value) for value in page.obj.MediaBox)
            trim = [left + margin, bottom + margin, right - margin, top - margin]
            page.obj.TrimBox = pikepdf.Array(trim)
            page.obj.BleedBox = pikepdf.Array([trim[0] - BLEED_PT, trim[1] - BLEED_PT,
                                               trim[2] + BLEED_PT, trim[3] + BLEED_PT])
        _name_the_document(pdf)
        del pdf.trailer["/ID"]  # WeasyPrint's first half of it differs from build to build: made from the content
        profile = pdf.make_stream(press_profile().read_bytes(), N=4)
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(CONDITION), OutputCondition=pikepdf.String(CONDITION_NAME),
            RegistryName=pikepdf.String(REGISTRY), Info=pikepdf.String(CONDITION_NAME),
            DestOutputProfile=profile)])
        save(pdf, path)


_RGB = {"rg": "k", "RG": "K"}


def _convert_content(pdf, holder, convert, seen: set) -> None:
    """Convert the sRGB colours of the content of `holder` (a page or a form) and of the forms it draws to CMYK."""
    import pikepdf

    if holder.objgen in seen:
        return
    seen.add(holder.objgen)
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(holder):
        name = str(operator)
        if name in _RGB and len(operands) == 3:
            operands = list(convert(*(float(value) for value in operands)))
            operator = pikepdf.Operator(_RGB[name])
        instructions.append((operands, operator))
    data = pikepdf.unparse_content_stream(instructions)
    if holder.get("/Type") == "/Page":
        holder.Contents = pdf.make_stream(data)
    else:
        holder.write(data)
    group = holder.get("/Group")
    if group is not None and group.get("/CS") == pikepdf.Name.DeviceRGB:
        group.CS = pikepdf.Name.DeviceCMYK
    for form in (holder.get("/Resources") or {}).get("/XObject", {}).values():
        if form.get("/Subtype") == "/Form":
            _convert_content(pdf, form, convert, seen)


def _name_the_document(pdf) -> None:
    """Give the PDF's XMP a document ID worked out from what its pages draw: WeasyPrint makes a random one, and
    the same content must give the same bytes."""
    import hashlib
    import uuid

    digest = hashlib.sha256()
    for page in pdf.pages:
        for stream in ([page.obj.Contents] if not isinstance(page.obj.Contents, list) else page.obj.Contents):
            digest.update(stream.read_bytes())
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        metadata["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(bytes=digest.digest()[:16], version=4)}"


# What verify holds a print-shop file to


def press_problems(path: Path, paper) -> list[str]:
    """Return a sentence for each thing the print-shop file at `path`, of trim `paper`, lacks for the press: its
    PDF/X-4 identification, the output intent of a CMYK print condition, TrimBox and BleedBox, and colours all in
    CMYK (or gray)."""
    import pikepdf

    problems = []
    with pikepdf.open(path) as pdf:
        metadata = pdf.Root.get("/Metadata")
        if metadata is None or b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" not in metadata.read_bytes():
            problems.append("does not say it is PDF/X-4 (pdfxid:GTS_PDFXVersion in its XMP metadata); build again "
                            "to replace it")
        intents = [intent for intent in pdf.Root.get("/OutputIntents", []) if intent.get("/S") == "/GTS_PDFX"]
        profile = intents[0].get("/DestOutputProfile") if intents else None
        if profile is None or profile.get("/N") != 4 or profile.read_bytes()[16:20] != b"CMYK":
            problems.append("has no PDF/X output intent with a CMYK profile; build again to replace it")
        for number, page in enumerate(pdf.pages, start=1):
            problems += [f"page {number} {problem}" for problem in _box_problems(page.obj, paper)]
            if _draws_in_rgb(page.obj, set()):
                problems.append(f"page {number} has colours in RGB, which a PDF/X-4 file for a CMYK press may not "
                                "have; build again to replace it")
    return problems


def _box_problems(page, paper) -> list[str]:
    """Return what is wrong with the boxes of `page`: TrimBox must be the paper, BleedBox 1/8 in beyond it, and
    MediaBox must hold BleedBox."""
    def box(name):
        found = page.get(name)
        return [float(value) for value in found] if found is not None else None

    media, trim, bleed = box("/MediaBox"), box("/TrimBox"), box("/BleedBox")
    if trim is None or bleed is None:
        return ["has no TrimBox or no BleedBox, so the shop cannot tell where to cut; build again to replace it"]
    problems = []
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    if not paper.matches(width, height):
        problems.append(f"is trimmed to {width:.6g} x {height:.6g} pt; it must be {paper.name}, "
                        f"{paper.width:.6g} x {paper.height:.6g} pt")
    wanted = [trim[0] - BLEED_PT, trim[1] - BLEED_PT, trim[2] + BLEED_PT, trim[3] + BLEED_PT]
    if any(abs(have - want) > 0.01 for have, want in zip(bleed, wanted)):
        problems.append("has a BleedBox that is not its TrimBox and 1/8 in (9 pt) on every side")
    if media[0] > bleed[0] + 0.01 or media[1] > bleed[1] + 0.01 or media[2] < bleed[2] - 0.01 \
            or media[3] < bleed[3] - 0.01:
        problems.append("has a MediaBox smaller than its BleedBox, so its bleed is cut off")
    return problems


def _draws_in_rgb(holder, seen: set) -> bool:
    """Return whether `holder` (a page or a form), or a form or picture it draws, uses an RGB colour."""
    import pikepdf

    if holder.objgen in seen:
        return False
    seen.add(holder.objgen)
    if any(str(operator) in _RGB for _, operator in pikepdf.parse_content_stream(holder)):
        return True
    group = holder.get("/Group")
    if group is not None and group.get("/CS") == pikepdf.Name.DeviceRGB:
        return True
    resources = holder.get("/Resources") or {}
    if any(space == pikepdf.Name.DeviceRGB or (isinstance(space, pikepdf.Array) and pikepdf.Name.DeviceRGB in space)
           for space in resources.get("/ColorSpace", {}).values()):
        return True
    for drawn in resources.get("/XObject", {}).values():
        if drawn.get("/Subtype") == "/Image" and drawn.get("/ColorSpace") == pikepdf.Name.DeviceRGB:
            return True
        if drawn.get("/Subtype") == "/Form" and _draws_in_rgb(drawn, seen):
            return True
    return False


if __name__ == "__main__":  # `make print-shop`: python -m generator.press MADE TARGET
    make_profile(Path(sys.argv[1]), Path(sys.argv[2]))
