"""QR codes that open a web address, drawn as vector shapes so they stay sharp at any print size."""

from __future__ import annotations

import functools

# The printed code is 1.15 inches square (site-flyer.css), and a phone reads its modules (squares) from
# a print when they are half a millimetre or more: 57 modules at most, with the quiet zone. That is a
# version 8 code, which holds 152 bytes at error correction level M (ISO/IEC 18004, table 7).
LONGEST_ADDRESS_BYTES = 152


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

