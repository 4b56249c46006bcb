"""The sandbox on a budget (render/sandbox.py, render/budget.py): runaway templates are refused with their line."""

import io
from collections import OrderedDict

import openpyxl
import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from nastavnik_docs.documents.wording import expand
from nastavnik_docs.errors import TemplateError
from nastavnik_docs.render import FILTERS, budget
from nastavnik_docs.render.budget import current
from nastavnik_docs.render.html import render_html
from nastavnik_docs.render.xlsx import render_xlsx


def render(source, **context):
    return render_html(source, context, name="page.html")


def refused(source, **context):
    with pytest.raises(TemplateError) as caught:
        render(source, **context)
    return caught.value


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "больше 2 000 000 повторений",
        ),
        (
            "{% for a in range(100000)|map('string') %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}",
            "повторений",
        ),
        ("{{ 9**(9**9) }}", "число в шаблоне получается длиннее 14300 бит"),
        ("{% set n = 10**4000 %}{{ n * n }}", "длиннее 14300 бит"),
        ("{{ 'x' * 10**9 }}", "больше 64 млн знаков"),
        ("{{ 10**9 * 'x' }}", "больше 64 млн знаков"),
        ("{{ [xs] * 10**7 }}", "больше 1 000 000 элементов"),
        ("{{ [['y' * 1000] * 1000] * 1000 }}", "больше 64 млн знаков"),
        ('{{ "%999999999s"|format(1) }}', "больше 64 млн знаков"),
        ('{{ "%*s"|format(999999999, 1) }}', "больше 64 млн знаков"),
        ('{{ "%.999999999f" % 1.5 }}', "больше 64 млн знаков"),
        ("{{ '{:>999999999}'.format(1) }}", "больше 64 млн знаков"),
        ("{{ '{:>{}}'.format(1, 999999999) }}", "больше 64 млн знаков"),
        ("{{ 'a'|center(10**9) }}", "больше 64 млн знаков"),
        ("{{ 'a'.ljust(10**9) }}", "больше 64 млн знаков"),
        ("{{ ('a\\n' * 1000)|indent(10**6) }}", "больше 64 млн знаков"),
        ("{{ ('a' * 10**6)|replace('a', 'b' * 1000) }}", "больше 64 млн знаков"),
        ("{{ ('a' * 10**6).replace('a', 'b' * 1000) }}", "больше 64 млн знаков"),
        ("{{ range(100000)|join('x' * 10000) }}", "больше 64 млн знаков"),
        ("{{ ('x' * 10000).join(range(100000)|map('string')) }}", "больше 64 млн знаков"),
        ("{{ range(3)|batch(10**8, 'x')|list }}", "больше 1 000 000 элементов"),
        ("{{ range(3)|slice(10**8)|list }}", "больше 1 000 000 элементов"),
        ("{{ lipsum(10**6) }}", "больше 64 млн знаков"),
        ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "64 млн"),
        ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "64 млн"),
        (
            "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
            "1 000 000",
        ),
        ("{% for i in range(100000) %}{{ 'x' * 10**6 }}{% endfor %}", "документ по шаблону получается больше 64 млн"),
        ("{% set s = 'x' * 10**7 %}{% set b %}{% for i in range(100) %}{{ s ~ i }}{% endfor %}{% endset %}", "64 млн"),
        ("{% macro m() %}{% for i in range(100) %}{{ 'x' * 10**7 }}{% endfor %}{% endmacro %}{{ m() }}", "64 млн"),
    ],
)
def test_runaway_template_is_refused_with_its_line(source, reason):
    error = refused("<p>\n" + source, xs=[1, 2, 3])
    assert reason in str(error)
    assert str(error).startswith("Шаблон page.html, строка 2: ")
    assert error.template == "page.html" and error.line == 2
    assert current() is None  # the budget ended with the render


def test_unbounded_recursion_and_arithmetic_errors_are_template_errors():
    error = refused("{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}")
    assert "слишком глубокая рекурсия" in str(error)
    assert "ошибка в вычислении (ZeroDivisionError" in str(refused("{{ 1 / 0 }}"))
    assert "Range too big" in str(refused("{{ range(10**6)|list }}"))
    assert "OverflowError" in str(refused("{{ 2.0 ** 100000 }}"))


def test_a_template_past_its_time_is_refused(monkeypatch):
    monkeypatch.setattr(budget, "MAX_SECONDS", 0.2)
    error = refused("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n{{ f(40) }}")
    assert "шаблон заполняется дольше 0.2 с" in str(error)


def test_templates_within_the_budget_render_as_in_jinjas_own_sandbox():
    source = (
        "{% macro cell(v) %}<td>{{ v }}</td>{% endmacro %}"
        "{% for a in range(300) %}<tr>{% for b in range(0, 300, 3) %}{{ cell(a * b + 1) }}{% endfor %}</tr>{% endfor %}"
        "{% set t %}{{ 'ab' * 1000 }}{% endset %}{{ t|length }} {{ [1, 2] + [3] }} {{ 'x' ~ 1 }} {{ '%5d'|format(7) }}"
        "{{ names|join(', ') }} {{ 'a'.center(9, '-') }} {{ {'k': 1}.k }} {{ (1, 2)[0] }} {{ 2 ** 10 }} {{ '%s' % 'z' }}"
        "{% for key, value in {'a': 1}.items() %}{{ key }}={{ value }}{% endfor %}"
        "{% for n in names|map('upper') %}{{ loop.index }}{{ n }}{{ loop.length }}{% endfor %}"
    )
    plain = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    plain.filters.update(FILTERS)
    context = {"names": ["Иванов", "Петрова"]}
    assert render(source, **context) == plain.from_string(source).render(context)


def test_dict_keys_read_as_in_jinjas_own_sandbox():
    # the sandbox reads a plain dict's key before its attributes (render/sandbox.py getattr): a key named
    # like a dict method still gives the method, a missing key is still an error, attributes stay guarded
    # (the code generator writes a plain dict's lookup in place: render/sandbox.py visit_Getattr)
    source = (
        "{{ d.name }} {{ d['items'] }} {{ d.items()|list|length }} {{ d.get('name') }} "
        "{{ d.nested.value }} {{ o.real }} {{ d.__class__ is defined }} {{ od.name }} "
        "{% macro m(p) %}{{ p.nested.value }}{% endmacro %}{% for x in rows %}{{ x.v }}{{ m(d) }}{% endfor %}"
    )
    plain = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    context = {
        "d": {"name": "Иванов", "items": "ключ", "nested": {"value": 5}},
        "o": 3,
        "od": OrderedDict(name="Петров"),
        "rows": [{"v": 1}, {"v": 2}],
    }
    expected = plain.from_string(source).render(context)
    assert render(source, **context) == expected == "Иванов ключ 3 Иванов 5 3 False Петров 1525"
    assert "нет поля «missing»" in str(refused("{{ d.missing }}", d={"name": "x"}))
    assert "запрещено" in str(refused("{{ d.__class__.__mro__ }}", d={"__class__": 1}))


def test_printed_values_escape_and_finalize_as_jinja_does():
    # an escaped template with a finalize prints each value through one call, a string's result kept
    # (render/sandbox.py _escaped): the output is Jinja's escape(finalize(value)), in a macro too
    from markupsafe import Markup

    from nastavnik_docs.render.environment import OutputKind, make_environment

    source = (
        "{% macro cell(v) %}<c>{{ v }}</c>{% endmacro %}<t>{{ a }}|{{ b }}|{{ m }}|{{ n }}|{{ cell(a) }}|{{ cell(m) }}"
        "{% autoescape false %}|{{ a }}{% endautoescape %}</t>"
    )
    ours = make_environment(OutputKind.XML)
    plain = ImmutableSandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=ours.finalize
    )
    context = {"a": "МБОУ «СОШ № 12» <b> & 100 %", "b": 5, "m": Markup("<w:br/>"), "n": None}
    assert "environment.printed(" in ours.compile(source, raw=True)
    for _ in range(2):  # the second time from the kept results
        expected = plain.from_string(source).render(context)
        assert ours.from_string(source).render(context) == expected
    assert "СОШ\u00a0№\u00a012» &lt;b&gt; &amp; 100\u00a0%" in expected and "<c><w:br/></c>" in expected


@pytest.mark.parametrize(
    "attack",
    [
        # CVE-2025-27516 (Jinja < 3.1.6): |attr reached str.format past the sandbox
        '{{ "{0.__call__.__builtins__[__import__]}"|attr("format")(not_here) }}',
        '{{ "{0.__class__.__mro__}"|attr("format")(1) }}',
        '{{ "{x.__class__.__mro__}"|attr("format_map")({"x": 1}) }}',
        # CVE-2024-56326 (Jinja < 3.1.5): a stored reference to a string's format method
        '{% set f = "{0.__class__.__mro__}".format %}{{ f(1) }}',
        '{{ "{0.__globals__}".format(cycler.__init__) }}',
    ],
)
def test_format_string_sandbox_escapes_are_refused(attack):
    assert "запрещено" in str(refused(attack))


def test_a_workbook_cell_over_its_budget_is_named():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet["A1"] = "{{ title }}"
    sheet["B3"] = "{{ 'x' * 10**9 }}"
    output = io.BytesIO()
    book.save(output)
    with pytest.raises(TemplateError) as caught:
        render_xlsx(output.getvalue(), {"title": "ok"}, name="plan.xlsx")
    assert (
        str(caught.value)
        == "Шаблон plan.xlsx, лист «План», ячейка B3: значение в шаблоне получается больше 64 млн знаков."
    )


def test_a_workbook_table_counts_its_cells_as_steps(monkeypatch):
    monkeypatch.setattr(budget, "MAX_STEPS", 1000)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "{%tr for row in rows %}"
    sheet["A2"], sheet["B2"] = "{{ row }}", "x"
    sheet["A3"] = "{%tr endfor %}"
    output = io.BytesIO()
    book.save(output)
    render_xlsx(output.getvalue(), {"rows": list(range(400))}, name="t.xlsx")  # 400 rows of 2 cells: within
    with pytest.raises(TemplateError, match="повторений циклов и вызовов"):
        render_xlsx(output.getvalue(), {"rows": list(range(600))}, name="t.xlsx")


def test_wording_each_loops_spend_one_budget(monkeypatch):
    monkeypatch.setattr(budget, "MAX_STEPS", 10_000)
    nodes = [{"each": "range(1000)", "as": "a", "items": [{"each": "range(1000)", "text": "пункт {{ item }}"}]}]
    with pytest.raises(TemplateError, match=r"^Шаблон regulation\.yaml: шаблон выполняет больше 10 000 повторений"):
        expand(nodes, {}, where="regulation.yaml")
