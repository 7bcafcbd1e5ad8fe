"""The sites file and the clinic flyer each site gets: its mistakes, and what a reader finds on each flyer."""

from __future__ import annotations

import dataclasses
import shutil

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from generator.builders.site_flyer import SiteFlyerBuilder
from generator.content import load_content
from generator.errors import ContentError
from generator.qr import LONGEST_ADDRESS_BYTES
from generator.sites import Site, load_sites
from generator.templating import credit_line

from .conftest import BRAND, CASES, ROOT, pdf_text, shows, words, run_generator as run
from .pdfs import link_targets, text_sizes


SITE_CASES = CASES / "sites"
EXAMPLE = ROOT / "content" / "sites.example.yaml"
SPANISH = ROOT / "content" / "harm-reduction.es.yaml"

# Every flyer the example sites file gives: each site in English, and the two with Spanish details in Spanish.
FLYERS = [
    ("harbor-street-wellness-center", "en"),
    ("maple-avenue-outreach-office", "en"),
    ("riverside-mobile-unit", "en"),
    ("harbor-street-wellness-center", "es"),
    ("maple-avenue-outreach-office", "es"),
]


def problems_in(case: str) -> list[str]:
    """Return the problems reported for the sites case `case`, as printed."""
    with pytest.raises(ContentError) as caught:
        load_sites(SITE_CASES / f"{case}.yaml")
    return str(caught.value).splitlines()


# The sites file


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("bad_phone", "11: sites[1].phone: '555-0142' is not a US phone number "
                      "(expected 10 digits, e.g. (203) 555-0142)"),
        ("web_address_too_long", "8: sites[0].web: is 186 characters long, too long for a QR code that a phone "
                                 "can read from the printed flyer; use a shorter address (e.g. one that "
                                 "redirects to this page)"),
        ("web_without_https", "8: sites[0].web: 'example.org/harbor-street' is not a web address "
                              "(expected it to start with https://, e.g. https://example.org/clinic)"),
        ("duplicate_name", "9: sites[1].name: 'harbor street CLINIC' is already the name of the site on line 3; "
                           "give each site its own name"),
        ("same_folder", "9: sites[1].name: the folder 'cafe-hope' is already used by the site on line 3; "
                        "add `slug: ...` with a folder name of its own"),
        ("name_without_latin_letters", "3: sites[0].name: '港口诊所' gives no folder name in plain letters; "
                                       "add `slug: ...` to this entry, e.g. slug: harbor-street"),
        ("bad_slug", "4: sites[0].slug: 'Harbor_Street' cannot name a folder; use lower-case letters, digits and "
                     "single hyphens (at most 60), e.g. harbor-street"),
        ("unknown_key", "7: sites[0].serivces: unknown key 'serivces'; did you mean 'services'?"),
        ("missing_key", "9: sites[1].phone: is missing; add `phone: ...` to this entry"),
        ("capital_language_code", "11: sites[0].translations: 'ES' is not the code of a translation; "
                                  "use a two-letter language code other than en, e.g. es"),
        ("english_translation", "11: sites[0].translations: 'en' is not the code of a translation; "
                                "use a two-letter language code other than en, e.g. es"),
        ("example_maybe", "2: example: must be true or false, not 'maybe'"),
    ],
)
def test_each_mistake_in_a_sites_file_is_reported_with_file_and_line(case, expected):
    assert problems_in(case) == [f"{SITE_CASES / case}.yaml:{expected}"]


def test_the_example_sites_are_marked_as_examples_and_go_in_folders_named_after_them():
    sites = load_sites(EXAMPLE)
    assert sites.example is True
    assert [site.folder for site in sites.sites] == [folder for folder, language in FLYERS if language == "en"]
    harbor, maple, riverside = sites.sites
    assert harbor.details_in("es").services == ("Naloxona y capacitación", "Servicios de jeringas",
                                                "Consejería y apoyo en la recuperación")
    assert maple.details_in("es").hours == ("Martes y jueves, de 10 a. m. a 6 p. m.",)
    assert riverside.details_in("es") is None
    assert riverside.details_in("en").services == riverside.services


# The example's flyers, built once by the command line


@pytest.fixture(scope="session")
def example_build(built_project):
    """What the command line printed building a copy of the project with every example site's flyers, and the
    output folder it built them into (see built_project)."""
    project, finished = built_project
    assert finished.returncode == 0, finished.stderr
    return finished, project / "output"


@pytest.fixture(scope="module")
def editions(material):
    """The material each flyer is built from, by language."""
    return {"en": material, "es": load_content(SPANISH, BRAND)}


def site_in(folder: str):
    """Return the example site whose flyers go in `folder`."""
    return next(site for site in load_sites(EXAMPLE).sites if site.folder == folder)


def flyer_of(output, folder: str, language: str):
    """Return the path of a site's flyer in `language` inside the output folder."""
    return output / "harm-reduction" / "sites" / folder / ("" if language == "en" else language) / "flyer.pdf"


def test_the_build_writes_a_flyer_for_each_site_in_each_of_its_languages(example_build):
    finished, output = example_build
    wrote = [line.removeprefix("wrote output/") for line in finished.stdout.splitlines() if line.startswith("wrote ")]
    flyers = [f"harm-reduction/sites/{folder}/flyer.pdf" if language == "en"
              else f"harm-reduction/sites/{folder}/{language}/flyer.pdf" for folder, language in FLYERS]
    # The material's own outputs are the business of tests/test_incremental.py, which reads the same build.
    assert sorted(name for name in wrote if "/sites/" in name) == sorted(flyers)
    assert sorted(path.relative_to(output).as_posix() for path in output.rglob("sites/**/*.pdf")) == sorted(flyers)


def test_only_a_material_that_asks_for_site_flyers_gets_them(project):
    """A second material without `outputs: site_flyers: true` gets its flyer, and no flyer for any site."""
    shutil.copy(CASES / "minimal.yaml", project / "content" / "minimal.yaml")
    shutil.copy(EXAMPLE, project / "sites.yaml")
    finished = run("build", "minimal", "--sites", "sites.yaml", "--only", "flyer", cwd=project)
    assert finished.returncode == 0, finished.stderr
    assert [line for line in finished.stdout.splitlines() if line.startswith("wrote ")] == [
        "wrote output/minimal/flyer.pdf", "wrote output/manifest.json", "wrote output/index.html"]
    assert sorted(path.relative_to(project / "output").as_posix()
                  for path in (project / "output").rglob("*") if path.is_file()) == [
        ".build-state.json", ".teaching-materials", "index.html", "manifest.json", "minimal/flyer.pdf"]


def test_a_site_without_spanish_details_gets_no_spanish_flyer_and_a_note_says_so(example_build):
    finished, output = example_build
    assert not (output / "harm-reduction" / "sites" / "riverside-mobile-unit" / "es").exists()
    assert ("note: no 'es' flyer for Riverside Mobile Unit: add the hours and services under `translations: es:` "
            "in content/sites.example.yaml") in finished.stderr.splitlines()


@pytest.mark.parametrize(("folder", "language"), FLYERS)
def test_each_flyer_is_one_page_with_the_site_the_statements_and_the_authors(example_build, editions,
                                                                              folder, language):
    """The comparison (sections[2]) is left to the handout, as on the organisation's own flyer."""
    path = flyer_of(example_build[1], folder, language)
    site, material = site_in(folder), editions[language]
    details = site.details_in(language)
    assert len(PdfReader(path).pages) == 1
    text = pdf_text(path)
    for shown in (site.name, *site.address, site.phone_shown, site.web_shown, *details.hours, *details.services):
        assert shows(text, shown), shown
    for section in material.sections[:2]:
        for statement in section.blocks[0].statements:
            assert shows(text, statement.headline), statement.headline
    assert not any(shows(text, name) for name in material.sections[2].blocks[1].table.names)
    for author in material.credits.authors:
        assert shows(text, f"{author.name}, {author.role}"), author.name
    assert shows(text, material.labels.example_mark)


def test_the_spanish_flyer_lists_the_spanish_hours_not_the_english(example_build):
    text = pdf_text(flyer_of(example_build[1], "harbor-street-wellness-center", "es"))
    harbor = site_in("harbor-street-wellness-center")
    assert not any(shows(text, line) for line in harbor.hours + harbor.services)


@pytest.mark.parametrize(("folder", "language"), FLYERS)
def test_each_flyers_qr_code_and_link_open_the_sites_web_page(example_build, folder, language):
    path = flyer_of(example_build[1], folder, language)
    document = pypdfium2.PdfDocument(path)
    try:
        image = document[0].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    codes = zxingcpp.read_barcodes(image)
    web = site_in(folder).web
    assert [(code.format, code.text) for code in codes] == [(zxingcpp.BarcodeFormat.QRCode, web)]
    assert web in link_targets(path)


@pytest.mark.parametrize(("folder", "language"), FLYERS)
def test_no_text_on_a_site_flyer_but_its_footer_line_is_smaller_than_14_point(example_build, editions, folder,
                                                                             language):
    material = editions[language]
    sizes = text_sizes(flyer_of(example_build[1], folder, language))
    footer = f"{material.credits.heading} {credit_line(material)} · {material.version_line}"
    assert sizes and words(" ".join(text for text, size in sizes if size < 14)) == footer


# The command line's answer to a sites file it cannot use


def test_a_missing_sites_file_is_named_and_nothing_is_built(project):
    finished = run("build", "--sites", "missing.yaml", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        "missing.yaml: file not found; check the path, or run from the project folder",
        "1 problem found; nothing was built.",
    ]
    assert not (project / "output").exists()


def test_a_sites_file_with_a_bad_phone_is_reported_with_its_line_and_nothing_is_built(project):
    shutil.copy(SITE_CASES / "bad_phone.yaml", project / "sites.yaml")
    finished = run("build", "--sites", "sites.yaml", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        "sites.yaml:11: sites[1].phone: '555-0142' is not a US phone number (expected 10 digits, e.g. (203) 555-0142)",
        "1 problem found; nothing was built.",
    ]
    assert not (project / "output").exists()


def test_stigmatising_words_in_a_sites_file_stop_the_build_with_their_line(project):
    (project / "sites.yaml").write_text(
        "sites:\n"
        "  - name: Harbor Street Clinic\n"
        "    address: [120 Harbor Street, \"Bridgeport, CT 06604\"]\n"
        "    phone: (203) 555-0142\n"
        "    hours: [Monday to Friday, 9 am to 5 pm]\n"
        "    services: [Naloxone and training, Help for every addict]\n"
        "    web: https://example.org/harbor-street\n", encoding="utf-8")
    # The smallest material: which material is checked with the sites file does not matter here.
    shutil.copy(CASES / "minimal.yaml", project / "content" / "minimal.yaml")
    checked = run("check", "minimal", "--sites", "sites.yaml", cwd=project)
    built = run("build", "minimal", "--sites", "sites.yaml", cwd=project)
    for finished in (checked, built):
        assert finished.returncode == 1
        problem = next(line for line in (finished.stdout + finished.stderr).splitlines() if "addict" in line)
        assert problem.strip().startswith("sites.yaml:6: stigma: sites[0].services[1]: ")
        assert "'addict' can stigmatise people who use drugs" in problem
    assert built.stderr.splitlines()[-1] == "Nothing was built: fix the errors above first."
    assert not (project / "output").exists()


def test_a_repeated_name_is_reported_together_with_the_other_mistakes():
    assert problems_in("repeated_name_and_bad_phone") == [
        f"{SITE_CASES / 'repeated_name_and_bad_phone.yaml'}:6: sites[0].phone: '555-0142' is not a US phone "
        "number (expected 10 digits, e.g. (203) 555-0142)",
        f"{SITE_CASES / 'repeated_name_and_bad_phone.yaml'}:10: sites[1].name: 'harbor street clinic' is already "
        "the name of the site on line 4; give each site its own name",
    ]


def test_the_longest_web_address_allowed_still_scans_from_a_printed_flyer(material, tmp_path):
    """152 bytes is the most a QR code an inch across holds with modules a phone reads from paper."""
    web = "https://example.org/sites/" + "a" * (LONGEST_ADDRESS_BYTES - len("https://example.org/sites/"))
    site = Site(name="Harbor Street Clinic", address=("120 Harbor Street",), phone="(203) 555-0142",
                hours=("Monday to Friday, 9 am to 5 pm",), services=("Naloxone and training",), web=web)
    builder = SiteFlyerBuilder()
    builder.build_site(material, site, False, tmp_path / "flyer.pdf", builder.common_size(material, False))
    document = pypdfium2.PdfDocument(tmp_path / "flyer.pdf")
    try:
        image = document[0].render(scale=150 / 72).to_pil()  # what an office printer puts on paper, roughly
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [web]


def test_verify_names_a_site_flyer_changed_since_it_was_built(example_build, tmp_path, capsys):
    """Each site's flyer is in the manifest, so one changed after the build fails however well it still reads."""
    from generator.cli import main

    from .test_tampering import flip_a_font_byte

    project = shutil.copytree(example_build[1].parent, tmp_path / "project")
    verify = ["verify", str(project / "output"), "--material", str(project / "content" / "harm-reduction.yaml"),
              "--brand", str(BRAND), "--sites", str(project / "content" / "sites.example.yaml")]
    assert main(verify) == 0, capsys.readouterr()
    capsys.readouterr()
    flip_a_font_byte(project / "output" / "harm-reduction" / "sites" / "riverside-mobile-unit" / "flyer.pdf")
    assert main(verify) == 1
    printed = capsys.readouterr().out
    assert ("harm-reduction/sites/riverside-mobile-unit/flyer.pdf" in printed
            and "changed since it was built (its SHA-256 is not the one in" in printed), printed
    assert printed.count("FAILED") == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_time_range_of_a_sites_hours_is_broken_across_two_lines(example_build, language):
    """"8:30 am to / 5 pm" and "10 / am" were printed: the no-break rules keep each range on one line."""
    _, output = example_build
    for site in load_sites(EXAMPLE).sites:
        details = site.details_in(language)
        if details is None:
            continue
        lines = [" ".join(line.split()) for line in
                 PdfReader(flyer_of(output, site.folder, language)).pages[0].extract_text().splitlines()]
        for hours in details.hours:
            time_range = hours.split(", ")[-1].removeprefix("de ")
            assert any(time_range in line for line in lines), (site.name, time_range, lines)


@pytest.mark.parametrize("written, shown", [
    ("(203) 555-0142", "(203) 555-0142"), ("203-555-0142", "(203) 555-0142"), ("203.555.0142", "(203) 555-0142"),
    ("+1 203 555 0142", "(203) 555-0142"), ("2035550142 x12", "(203) 555-0142 ext. 12"),
    ("(203) 555-0142 ext. 7", "(203) 555-0142 ext. 7"),
])
def test_every_phone_number_is_printed_in_one_format(written, shown):
    site = dataclasses.replace(load_sites(EXAMPLE).sites[0], phone=written)
    assert site.phone_shown == shown


@pytest.mark.parametrize(("folder", "language"), FLYERS)
def test_the_site_comes_first_under_the_title_with_its_phone_in_large_type(example_build, editions, folder,
                                                                                 language):
    path = flyer_of(example_build[1], folder, language)
    site, material = site_in(folder), editions[language]
    text = pdf_text(path)
    assert text.index(site.name) < text.index(material.sections[0].heading)
    phone = [size for shown, size in text_sizes(path) if site.phone_shown in shown.replace("\u00a0", " ")]
    assert phone and min(phone) >= 20
