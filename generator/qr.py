"""QR codes that open a web address, drawn as vector shapes so they stay sharp at any print size."""

from __future__ import annotations

import functools

# The printed code is QR_SIZE_IN square; a phone reads modules of half a millimetre or more from a print.
QR_SIZE_IN = 1.15
SMALLEST_MODULE_MM = 0.5


@functools.lru_cache(maxsize=1024)
def qr_image(address: str) -> str:
    """Return a QR code that opens `address`, as an SVG image in a data: URL.

    Error correction level M (15 % of the code can be smudged or folded) is the
    least a printed code should have; segno raises it when that costs no size.
    The quiet zone of four modules around the code is part of the image.
    """
    import segno

    code = segno.make_qr(address, error="m", boost_error=True)
    return code.svg_data_uri(border=4, omitsize=True, dark="#000000", light="#ffffff")


def module_size_mm(address: str) -> float:
    """Return how wide one module (square) of the printed QR code for `address` is, in millimetres."""
    import segno

    modules, _ = segno.make_qr(address, error="m", boost_error=True).symbol_size(border=4)
    return QR_SIZE_IN * 25.4 / modules
