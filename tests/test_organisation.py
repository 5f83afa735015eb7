"""The organisation's phone, as editors write it in content/reglages.yml:
every ordinary form becomes a tel: link the link checker accepts; a form no
link can be made from is refused at its line, in French."""

import pytest

from conftest import build_files
from core.organisation import read_identity, tel_uri
from site_checks.addresses import tel_problem

REGLAGES = "organisation:\n  name: Essai\n  phone: {phone}\nhost:\n  name: Hébergeur\n"


@pytest.mark.parametrize(("written", "uri"), [
    ("01 23 45 67 89", "tel:+33123456789"),
    ("01.23.45.67.89", "tel:+33123456789"),
    ("0123456789", "tel:+33123456789"),
    ("06-12-34-56-78", "tel:+33612345678"),
    ("+33 1 23 45 67 89", "tel:+33123456789"),
    ("+33 (0)1 23 45 67 89", "tel:+330123456789"),
    ("+32 2 123 45 67", "tel:+3221234567"),
])
def test_a_number_as_people_write_it_becomes_a_valid_tel_link(written, uri):
    assert tel_uri(written) == uri
    assert tel_problem(uri) is None


@pytest.mark.parametrize("written", ["123", "01 23 45 67", "appelez-nous", "01 23 45 67 89 ou 06 12 34 56 78",
                                     "+1", "javascript:alert(1)"])
def test_a_number_no_link_can_be_made_from_is_named_at_its_line(tmp_path, written):
    path = tmp_path / "reglages.yml"
    path.write_text(REGLAGES.format(phone=f'"{written}"'), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        read_identity(path, tmp_path)
    message = str(stopped.value)
    assert message.startswith("reglages.yml, ligne 3 : ") and "Téléphone" in message and "01 23 45 67 89" in message


def test_a_french_number_filled_in_publishes_a_contact_page_that_dials_it(tmp_path):
    result, said = build_files(tmp_path, {}, options=(
        "-e", 'ORGANISATION={"name": "Essai", "legal_form": null, "email": null, "phone": "01 23 45 67 89", '
              '"address": null, "registration": null, "publication_director": null}'))
    assert result.returncode == 0, said
    page = (tmp_path / "output" / "contact" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+33123456789"' in page
