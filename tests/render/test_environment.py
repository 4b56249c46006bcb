import pytest

from nastavnik_docs.errors import TemplateError
from nastavnik_docs.render import FILTERS, make_environment
from nastavnik_docs.render.environment import template_errors


def render(source, kind="xml", **context):
    with template_errors("test.xml"):
        return make_environment(kind).from_string(source).render(**context)


def test_xml_special_characters_in_data_are_escaped():
    assert render("<w:t>{{ v }}</w:t>", v='Школа "A&B" <1>') == "<w:t>Школа &#34;A&amp;B&#34; &lt;1&gt;</w:t>"


def test_text_kind_does_not_escape():
    assert render("{{ v }}", kind="text", v="A & B") == "A & B"


def test_missing_variable_is_an_error_naming_the_template():
    with pytest.raises(TemplateError, match=r"test\.xml.*нет в данных"):
        render("{{ org.ful_name }}", org={"full_name": "x"})


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ v.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ v.mro() }}",
    ],
)
def test_template_cannot_reach_python_internals(attack):
    with pytest.raises(TemplateError):
        render(attack, v="x")


def test_sandbox_error_says_it_is_forbidden():
    with pytest.raises(TemplateError, match="запрещено"):
        render("{{ ''.__class__.__mro__ }}")


def test_immutable_sandbox_refuses_changing_data():
    with pytest.raises(TemplateError):
        render("{{ items.append(1) }}", items=[])


def test_syntax_error_names_line():
    with pytest.raises(TemplateError, match="строка 2") as caught:
        render("ok\n{% for x in %}")
    assert caught.value.line == 2


def test_every_environment_has_every_filter():
    for kind in ("text", "xml", "html"):
        assert set(FILTERS) <= set(make_environment(kind).filters)
