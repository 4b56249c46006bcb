"""Charts as pictures: the same data gives the same PNG, Word places it, HTML embeds it."""

import io
import zipfile

import docx
import pytest

from nastavnik_docs.render.charts import bar_chart
from nastavnik_docs.render.docx import render_docx
from nastavnik_docs.render.html import render_html
from nastavnik_docs.render.pictures import Picture, data_uri

FORMS = ["«ученик – ученик»", "«учитель – учитель»", "«педагог – ученик»"]


def chart():
    return bar_chart(
        FORMS,
        {"Наставников": [30, 12, None], "Наставляемых": [38, 12, 73]},
        title="Участники по формам наставничества",
        description="Наставники и наставляемые по формам наставничества",
        width_mm=120,
    )


def test_a_chart_is_a_reproducible_png():
    first, second = chart(), chart()
    assert first.data.startswith(b"\x89PNG") and first.data == second.data
    assert first.width_mm == 120 and first.description.startswith("Наставники")
    from PIL import Image

    image = Image.open(io.BytesIO(first.data))
    assert image.size[0] > 600  # 120 mm at 150 dpi


def test_only_png_is_a_picture():
    with pytest.raises(ValueError):
        Picture(b"GIF89a", 10, "gif")


def _template_with(text):
    document = docx.Document()
    document.add_paragraph("Диаграмма 1")
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_places_the_picture_in_its_paragraph():
    data = render_docx(_template_with("{{ pictures.forms }}"), {"pictures": {"forms": chart()}}, name="chart.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
        assert len(media) == 1 and package.read(media[0]) == chart().data
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width.mm - 120) < 0.5


def test_html_embeds_the_picture_with_its_description():
    picture = chart()
    page = render_html(
        '<img src="{{ pictures.forms|data_uri }}" alt="{{ pictures.forms.description }}">',
        {"pictures": {"forms": picture}},
        name="page.html",
    )
    assert page == f'<img src="{data_uri(picture)}" alt="{picture.description}">'


def test_any_text_from_data_draws_without_a_warning_or_a_formula():
    """Labels come from data: a tab, a character the font lacks, «$…$» (a formula to matplotlib) all draw."""
    import warnings

    from nastavnik_docs.render.charts import bar_chart

    labels = ["a\tb", "$\\frac{", "a$b$c", "\U0001f600 школа", "\x00\u200b\ufeff"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        picture = bar_chart(labels, {"$ряд\t": [1, 2, 3, 4, 5]}, title="\U0001d518 $x$", description="d")
    assert picture.data.startswith(b"\x89PNG")
