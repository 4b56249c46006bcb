"""The catalogue and the kits as assembled from the family modules: one home per document."""

from importlib import resources

import pytest

from nastavnik_docs.content import wording_files
from nastavnik_docs.documents import CATALOGUE, KITS, get_document, get_kit
from nastavnik_docs.errors import CatalogueError
from nastavnik_docs.io.templates import bundled_templates


def test_every_document_is_in_exactly_one_kit():
    kits_of = {
        document_id: [kit.name for kit in KITS.values() if document_id in kit.documents] for document_id in CATALOGUE
    }
    assert {document_id: len(names) for document_id, names in kits_of.items() if len(names) != 1} == {}


@pytest.mark.parametrize("kit", sorted(KITS))
def test_a_kit_is_made_from_one_model(kit):
    spec = KITS[kit]  # which is what each of its documents is made from, or a model that extends it
    assert all(issubclass(spec.model, get_document(document_id).model) for document_id in spec.documents)
    assert spec.model in {get_document(document_id).model for document_id in spec.documents}
    if spec.register != "none":
        assert spec.combine is not None
    samples = resources.files("nastavnik_docs").joinpath("samples")
    if spec.reader is None:
        assert all(samples.joinpath(name).is_file() for name in spec.samples)
    else:  # a kit that reads a folder (of filled monitoring forms) instead of a data file
        assert all(samples.joinpath(name).is_dir() for name in spec.samples)


def test_every_template_belongs_to_one_document():
    owners = {name: [spec.id for spec in CATALOGUE.values() if name in spec.templates] for name in bundled_templates()}
    assert {name: ids for name, ids in owners.items() if len(ids) != 1} == {}
    declared = {name for spec in CATALOGUE.values() for name in spec.templates}
    assert declared == set(bundled_templates())


def test_every_wording_file_belongs_to_one_document():
    declared = [f"{name}.yaml" for spec in CATALOGUE.values() for name in spec.wording]
    assert sorted(declared) == sorted(set(declared)), "a wording file declared by two documents"
    assert set(declared) == set(wording_files())


def test_titles_and_stages():
    assert get_document("consent-pd").title == "Согласие на обработку персональных данных"
    assert get_document("order-management-team").stage == 1
    assert get_document("order-municipal").stage == "municipal"
    assert all(spec.title and spec.title[0].isupper() for spec in CATALOGUE.values())


def test_unknown_kit_and_document_suggest_the_nearest():
    with pytest.raises(CatalogueError, match="Возможно, вы имели в виду «stage-4»"):
        get_kit("stage4")
    with pytest.raises(CatalogueError, match="Возможно, вы имели в виду «consent-pd»"):
        get_document("consent")


def test_every_batch_document_has_a_folder_and_a_plural_title():
    batches = [spec for spec in CATALOGUE.values() if spec.each is not None]
    assert len(batches) == 9
    for spec in batches:
        assert spec.folder and spec.plural and spec.plural != spec.title, spec.id
        assert spec.plural.split()[0].endswith(("я", "ы", "и", "е")), spec.plural  # «Согласия», «Индивидуальные»…
