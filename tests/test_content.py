"""The shipped content: the organisation's text, complete and word for word."""

from __future__ import annotations

from .conftest import CONTENT, ROOT

# The organisation's text as it sent it, kept in the repository so these tests run in every clone.
SOURCE = ROOT / "tests" / "data" / "understanding-harm-reduction.txt"

# The only two changes allowed to the organisation's wording, each marked in the YAML.
REPAIRS = {
    "access to naloxone..": "access to naloxone.",
    "Complete cessation of all non-prescribed": "Complete cessation of all non-prescribed substance use",
}


def source_lines() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    for original, repaired in REPAIRS.items():
        text = text.replace(original, repaired)
    return [line.strip() for line in text.splitlines() if line.strip()]


def blocks_of(material, kind: str) -> list:
    """Return the content of every block of `kind`, in reading order."""
    return [block.content for _, block, _ in material.blocks() if block.kind == kind]


def test_the_is_not_statements_are_word_for_word(material):
    expected = [line for line in source_lines() if line.startswith("It is NOT")]
    is_not, _ = blocks_of(material, "statements")
    assert [f"{s.headline} {s.body}" for s in is_not] == expected


def test_the_benefits_are_word_for_word(material):
    expected = [line for line in source_lines() if line.startswith("It ") and not line.startswith("It is NOT")]
    _, benefits = blocks_of(material, "statements")
    assert [f"{s.headline}: {s.body}" for s in benefits] == expected


def test_the_comparison_is_word_for_word(material):
    lines = source_lines()
    table = [[cell.strip() for cell in line.rstrip("|").split("|")] for line in lines if "|" in line]
    header, rows = table[0], table[1:]
    [comparison] = blocks_of(material, "table")
    assert list(comparison.columns) == header
    assert [list(row) for row in comparison.rows] == rows
    # The two sentences just before the table introduce it, in the text block before it.
    first_table_line = next(number for number, line in enumerate(lines) if "|" in line)
    [intro] = blocks_of(material, "text")
    assert list(intro) == lines[first_table_line - 2:first_table_line]
    assert [block.kind for block in material.sections[2].blocks] == ["text", "table"]


def test_the_credits_match_the_source(material):
    lines = source_lines()
    credits = lines[lines.index("Created by") + 1:]
    assert material.credits.heading == "Created by"
    for author in material.credits.authors:
        assert author.email in credits
        assert f"{author.role} {author.organisation}" in credits
    assert [a.name for a in material.credits.authors] == ["John Hamilton", "Joanne Montgomery"]


def test_each_repair_is_marked_where_it_is_made():
    lines = CONTENT.read_text(encoding="utf-8").splitlines()
    for repaired in ("access to naloxone.", "non-prescribed substance use"):
        number = next(n for n, line in enumerate(lines) if repaired in line)
        comments = [line for line in lines[max(0, number - 4):number] if line.strip().startswith("#")]
        assert any("Editorial repair" in line for line in comments), f"no comment marks the repair {repaired!r}"


def test_every_principle_is_there(material):
    [comparison] = blocks_of(material, "table")
    assert len(comparison.rows) == 10
    assert [len(statements) for statements in blocks_of(material, "statements")] == [4, 4]
