"""The one Jinja environment that every template is rendered with."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import markupsafe

from .typesetting import around, compounds, keep_last_words_together, unbreakable

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def css_counters(wording: str) -> str:
    """Return a page-number wording such as 'Page {page} of {pages}' as CSS generated content."""
    def string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", wording):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(string(piece))
    return markupsafe.Markup(" ".join(parts))


def shared_organisation(authors) -> str | None:
    """Return the organisation all `authors` belong to, or None when they differ."""
    organisations = {author.organisation for author in authors}
    return organisations.pop() if len(organisations) == 1 else None


def credit_line(material) -> str:
    """Return the authors in one line, each name with its role, then their organisation if they share one."""
    organisation = shared_organisation(material.authors)
    people = [f"{author.name}, {author.role}" + ("" if organisation else f", {author.organisation}")
              for author in material.authors]
    return " · ".join(people + ([organisation] if organisation else []))


def points(inches: float) -> float:
    """Return a length in inches as points, rounded so the markup stays readable."""
    return round(inches * 72, 2)


def percent(share: float) -> str:
    """Return a share of a whole (0.24) as a CSS percentage ('24%')."""
    return f"{share * 100:g}%"


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of `text`, which are separated by blank lines."""
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


def numbered_groups(items, size: int) -> list[list[tuple[int, object]]]:
    """Return `items` numbered from 1, in groups of `size` (the last group may be shorter)."""
    numbered = list(enumerate(items, start=1))
    return [numbered[start:start + size] for start in range(0, len(numbered), size)]


def plain(value) -> markupsafe.Markup:
    """Return a value, escaped, exactly as written: for the document's metadata (its title, author and
    description), which readers compare with the content and which no line breaking concerns."""
    return markupsafe.escape(value)


def emphasised(text: str, word: str) -> markupsafe.Markup:
    """Return `text` escaped, with the no-break rules, and `word` (see Slide.emphasis) marked to stand out."""
    before, found, after = around(unbreakable(text), word)
    if not found:
        return markupsafe.escape(before)
    return markupsafe.Markup('{}<span class="emphasis">{}</span>{}').format(before, found, after)


def whole_compounds(text: str) -> markupsafe.Markup:
    """Return `text` escaped, with the no-break rules, and each short hyphenated compound kept on one line."""
    return markupsafe.Markup("").join(
        markupsafe.Markup('<span class="compound">{}</span>').format(piece) if compound else markupsafe.escape(piece)
        for piece, compound in compounds(unbreakable(text)))


def call_to_action(material) -> markupsafe.Markup:
    """Return the material's call to action as markup: the brand's website a link and its phone in bold, each
    kept on one line with the word before it and the punctuation after it ("Visit example.org.")."""
    pieces = [[text, filled] for text, filled in material.call_to_action_parts]
    markup = []
    for index, (text, filled) in enumerate(pieces):
        if not filled:
            markup.append(markupsafe.escape(unbreakable(text)))
            continue
        before = str(markup.pop()) if markup and not pieces[index - 1][1] else ""
        head, space, word = before.rstrip(" ").rpartition(" ")
        word += before[len(before.rstrip(" ")):]  # the space between the word and the value, if any
        following = pieces[index + 1] if index + 1 < len(pieces) and not pieces[index + 1][1] else None
        after = ""
        if following:
            after = following[0][:len(following[0]) - len(following[0].lstrip(".,;:!?)"))]
            following[0] = following[0][len(after):]
        value = (markupsafe.Markup('<a class="filled" href="https://{}">{}</a>').format(text, text)
                 if text == material.brand.website else
                 markupsafe.Markup('<strong class="filled">{}</strong>').format(unbreakable(text)))
        markup.append(markupsafe.Markup(head + space) + markupsafe.Markup(
            '<span class="together">{}{}{}</span>').format(markupsafe.Markup(word), value, after))
    return markupsafe.Markup("").join(markup)


def shown(value):
    """Return a value as a template shows it: text with the no-break rules of typesetting.py applied."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return unbreakable(value)
    return value


@functools.cache
def template_environment() -> jinja2.Environment:
    """Return the environment: templates from templates/, escaped HTML, no undefined names, and every text shown
    with its no-break rules."""
    environment = jinja2.Environment(
        finalize=shown,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["shared_organisation"] = shared_organisation
    environment.filters["css_counters"] = css_counters
    environment.filters["keep_last_words_together"] = keep_last_words_together
    environment.filters["credit_line"] = credit_line
    environment.filters["plain"] = plain
    environment.filters["emphasised"] = emphasised
    environment.filters["whole_compounds"] = whole_compounds
    environment.filters["call_to_action"] = call_to_action
    environment.filters["points"] = points
    environment.filters["percent"] = percent
    environment.filters["paragraphs"] = paragraphs
    environment.filters["numbered_groups"] = numbered_groups
    return environment


def render_template(name: str, **context) -> str:
    """Return the template `name` rendered with `context`.

    A template that is missing is named, with where it should be, rather than reported as a failed write
    (Jinja's TemplateNotFound is an OSError).
    """
    try:
        return template_environment().get_template(name).render(**context)
    except jinja2.TemplateNotFound as missing:
        from .errors import BuildError

        wanted = missing.name if isinstance(missing.name, str) else name
        raise BuildError(f"the template {TEMPLATES / wanted} is missing; restore it (it comes with the project, "
                         f"e.g. `git checkout -- templates/{wanted}`)") from None


@functools.cache
def templates_used(name: str) -> frozenset[str]:
    """Return `name` and every template it extends, imports or includes, however deep."""
    import jinja2.meta

    environment = template_environment()
    source, _, _ = environment.loader.get_source(environment, name)
    used = {name}
    for referenced in jinja2.meta.find_referenced_templates(environment.parse(source)):
        if referenced is not None:  # a name computed while rendering; the project's templates name theirs
            used |= templates_used(referenced)
    return frozenset(used)
