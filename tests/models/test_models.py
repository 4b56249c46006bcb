import json

from nastavnik_docs.models import SCHEMAS, Order, SchoolData, forms_catalogue


def _walk(schema, path=""):
    """Yield (path, property schema) for every property of every object in a JSON schema."""
    for name, prop in schema.get("properties", {}).items():
        yield f"{path}.{name}", prop
    for name, sub in schema.get("$defs", {}).items():
        yield from _walk(sub, name)


def test_every_field_of_every_model_has_a_description():
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        undocumented = [p for p, prop in _walk(schema) if "description" not in prop]
        assert not undocumented, f"{name}: {undocumented}"


def test_schema_is_json_with_russian_descriptions():
    text = json.dumps(SchoolData.model_json_schema(), ensure_ascii=False)
    assert "Фамилия Имя Отчество" in text


def test_forms_catalogue_has_every_form_of_the_domain():
    catalogue = forms_catalogue()
    assert set(catalogue) == {
        "student-student",
        "teacher-teacher",
        "student-pupil",
        "employer-pupil",
        "teacher-pupil",
        "student-student-college",
        "employer-student",
    }
    for form in catalogue.values():
        assert form.goal and len(form.tasks) >= 3 and form.mentor and form.mentee
        assert " – " in form.title


def test_order_requires_a_clause():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Order(
            number="1",
            date="2020-05-29",
            place="г. Н",
            title="t",
            preamble="p",
            clauses=[],
            signatory={"name": "Ткач Анна", "position": "директор"},
        )
