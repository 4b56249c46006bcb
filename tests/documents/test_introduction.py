"""The stage-1 kit read back as a person would: names in the right cases, dates, numbering."""

import io
import re
from html.parser import HTMLParser

import docx
import pytest
from machine import needs_libreoffice
from readback import docx_text

from nastavnik_docs.errors import CatalogueError, TemplateError
from nastavnik_docs.produce import build_document, build_kit

NB = "\u00a0"


def text_of(kit, name):
    return "\n".join(docx_text(next(f.data for f in kit.files if f.name == name)))


def test_kit_has_the_five_documents(stage1_kit):
    assert stage1_kit.names() == [
        "order-management-team.docx",
        "order-introduce-model.docx",
        "regulation-model.docx",
        "regulation-forms.docx",
        "website-tab.html",
        "website-tab-fragment.html",
    ]


@pytest.mark.parametrize(
    "name",
    ["order-management-team.docx", "order-introduce-model.docx", "regulation-model.docx", "regulation-forms.docx"],
)
def test_no_leftover_template_markup(stage1_kit, name):
    text = text_of(stage1_kit, name)
    for marker in ("{{", "}}", "{%", "%}", "{#"):
        assert marker not in text


def test_management_team_order_requisites_and_cases(stage1_kit):
    text = text_of(stage1_kit, "order-management-team.docx")
    lines = text.splitlines()
    assert lines[0].startswith("Муниципальное бюджетное общеобразовательное учреждение")
    assert "ПРИКАЗ" in lines
    assert f"«15»{NB}мая{NB}2026{NB}г." in text
    assert f"№{NB}45\u2011од" in text
    assert "г. Новоборск" in lines
    assert "ПРИКАЗЫВАЮ:" in lines
    # accusative of a woman whose surname in -ых does not decline, and Любовь keeps its form
    assert "заместителя директора по учебно-воспитательной работе Черных Любовь Павловну" in text
    # dative of the position and of the initials
    assert f"Заместителю директора по учебно-воспитательной работе Черных{NB}Л.{NB}П. обеспечить" in text
    # deadlines are computed from the order date
    assert "в срок до 29.05.2026;" in text and "в срок до 15.06.2026;" in text
    # signature: the director whose surname in a consonant stays, initials before
    assert f"А.{NB}С.{NB}Ткач" in text
    assert "Контроль за исполнением настоящего приказа оставляю за собой." in text


def test_clause_numbering_is_computed(stage1_kit):
    lines = text_of(stage1_kit, "order-management-team.docx").splitlines()
    numbers = [m.group(1) for line in lines if (m := re.match(r"^(\d+\.(?:\d+\.)?) ", line))]
    assert numbers == ["1.", "2.", "3.", "3.1.", "3.2.", "3.3.", "3.4.", "3.5.", "4.", "5."]


def test_acquaintance_list_has_everyone_once_but_the_signatory(stage1_kit):
    document = docx.Document(
        io.BytesIO(next(f.data for f in stage1_kit.files if f.name == "order-management-team.docx"))
    )
    signed = [
        row.cells[1].text for table in document.tables for row in table.rows if row.cells[0].text.startswith("____")
    ]
    assert signed == [
        f"Черных{NB}Л.{NB}П.",
        f"Соколова-Михайлова{NB}И.{NB}И.",
        f"Лебедев{NB}П.{NB}И.",
        f"Кравченко{NB}О.{NB}Н.",
        f"Гусейнов{NB}Т.{NB}Р.",
    ]


def test_appendix_lists_the_team_with_a_header_row(stage1_kit):
    document = docx.Document(
        io.BytesIO(next(f.data for f in stage1_kit.files if f.name == "order-management-team.docx"))
    )
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Должность",
        "Роль в управленческой команде",
    ]
    assert len(table.rows) == 1 + 6
    assert [c.text for c in table.rows[6].cells] == [
        "6.",
        "Гусейнов Тимур Рашид оглы",
        "Социальный педагог",
        "Член управленческой команды",
    ]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    text = text_of_doc(document)
    assert f"от 15.05.2026 №{NB}45\u2011од" in text


def text_of_doc(document):
    return "\n".join(p.text for p in document.paragraphs)


def test_introduce_order_lists_forms_and_approves_regulations(stage1_kit):
    text = text_of(stage1_kit, "order-introduce-model.docx")
    assert f"в период с{NB}2026 по{NB}2030{NB}годы" in text
    assert "– «ученик – ученик»;" in text and "– «работодатель – ученик»." in text
    assert f"Куратору Черных{NB}Л.{NB}П.:" in text
    assert f"МБОУ «СОШ{NB}№{NB}12»" in text


@pytest.mark.parametrize("name", ["regulation-model.docx", "regulation-forms.docx"])
def test_regulations_have_approval_stamp_and_numbered_sections(stage1_kit, name):
    lines = text_of(stage1_kit, name).splitlines()
    assert lines[:3] == ["УТВЕРЖДЕНО", f"приказом МБОУ «СОШ{NB}№{NB}12»", f"от 29.05.2026 №{NB}52\u2011од"]
    assert "ПОЛОЖЕНИЕ" in lines
    headings = [line for line in lines if re.match(r"^\d+\. [А-ЯЁ]", line)]
    assert headings[0].startswith("1. ")
    assert [int(h.split(".")[0]) for h in headings] == list(range(1, len(headings) + 1))
    items = [line for line in lines if re.match(r"^1\.\d+\. ", line)]
    assert items and items[0].startswith("1.1. ")


def test_regulation_model_covers_the_required_sections(stage1_kit):
    text = text_of(stage1_kit, "regulation-model.docx").lower()
    for topic in (
        "общие положения",
        "цели и задачи",
        "куратор",
        "наставник",
        "наставляем",
        "этап",
        "мониторинг",
        "мотивац",
    ):
        assert topic in text


def test_regulation_forms_has_a_section_per_chosen_form(stage1_kit):
    lines = text_of(stage1_kit, "regulation-forms.docx").splitlines()
    for title in ("ученик – ученик", "учитель – учитель", "педагог – ученик", "работодатель – ученик"):
        assert any(re.match(rf"^\d+\. Форма наставничества «{title}»$", line) for line in lines), title
    assert not any("студент – ученик" in line for line in lines)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text, self.stack = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link", "input", "img"):
            self.stack.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(data):
    page = _Page()
    page.feed(data.decode("utf-8"))
    page.close()
    assert page.stack == []
    return page


def test_website_tab_is_a_complete_accessible_page_linking_the_kit(stage1_kit):
    data = next(f.data for f in stage1_kit.files if f.name == "website-tab.html")
    assert data.decode("utf-8").lstrip().startswith("<!DOCTYPE html>")
    page = parse(data)
    html = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html["lang"] == "ru"
    assert any(tag == "main" for tag, _ in page.tags)
    assert any(tag == "title" for tag, _ in page.tags)
    assert [h for h in page.links if h.endswith(".docx")] == [
        "order-management-team.docx",
        "order-introduce-model.docx",
        "regulation-model.docx",
        "regulation-forms.docx",
    ]
    assert all(attrs.get("scope") == "col" for tag, attrs in page.tags if tag == "th")
    text = " ".join(page.text)
    assert "«ученик – ученик»" in text and "Черных Любовь Павловна" in text


def test_website_fragment_is_only_the_section(stage1_kit):
    data = next(f.data for f in stage1_kit.files if f.name == "website-tab-fragment.html")
    assert data.decode("utf-8").lstrip().startswith("<section")
    page = parse(data)
    assert not any(tag in ("html", "head", "body") for tag, _ in page.tags)


@needs_libreoffice
def test_pdf_links_appear_when_pdf_is_asked(school_raw):
    kit = build_kit("stage-1", school_raw, with_pdf=True)
    page = parse(next(f.data for f in kit.files if f.name == "website-tab.html"))
    assert "regulation-model.pdf" in page.links
    pdf = next(f.data for f in kit.files if f.name == "regulation-model.pdf")  # the link leads to a file
    assert pdf.startswith(b"%PDF")


def test_hostile_text_renders_into_valid_documents(school_raw):
    school_raw["organisation"]["short_name"] = "МБОУ \"A&B\" <СОШ> '12'"
    school_raw["organisation"]["full_name"] = "Школа " + "очень длинное наименование " * 200
    school_raw["team"][3]["position"] = "учитель\nфизики & <информатики>"
    school_raw["website"]["news"] = ["<script>alert(1)</script>"]
    kit = build_kit("stage-1", school_raw)
    for item in kit.files:
        if item.name.endswith(".docx"):
            text = "\n".join(docx_text(item.data))
            assert "МБОУ \"A&B\" <СОШ> '12'" in text
        else:
            assert b"<script>" not in item.data
            assert b"&lt;script&gt;" in item.data
    table = docx.Document(io.BytesIO(next(f.data for f in kit.files if f.name == "order-management-team.docx"))).tables[
        -1
    ]
    assert table.rows[4].cells[2].text == "Учитель\nфизики & <информатики>"


def test_user_template_override_and_malicious_template(tmp_path, school_raw):
    (tmp_path / "website-tab.html").write_text(
        "<p>{{ org.short_name }} {{ ''.__class__.__mro__ }}</p>", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"website-tab\.html.*запрещено"):
        build_document("website-tab", school_raw, templates=tmp_path, extra={"documents": []})
    (tmp_path / "website-tab.html").write_text("<p>{{ org.short_name|upper }}</p>", encoding="utf-8")
    [page, _] = build_document("website-tab", school_raw, templates=tmp_path, extra={"documents": []})
    assert page.data.decode() == f"<p>МБОУ «СОШ №{NB}12»</p>".replace("МБОУ «СОШ", "МБОУ «СОШ")


def test_broken_word_template_is_a_clear_error(tmp_path, school_raw):
    (tmp_path / "regulation-model.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="не является документом Word"):
        build_document("regulation-model", school_raw, templates=tmp_path)


def test_unknown_document_and_kit():
    with pytest.raises(CatalogueError, match="Возможно, вы имели в виду «regulation-model»"):
        build_document("regulation-modle", {})
    with pytest.raises(CatalogueError, match="stage-1"):
        build_kit("stage-9", {})


def test_wording_override_from_the_templates_folder(tmp_path, school_raw):
    (tmp_path / "order-introduce-model.yaml").write_text(
        'title: "О наставничестве в {{ org.short_name }}"\npreamble: "В целях развития"\n'
        "clauses:\n  - text: \"Назначить куратором {{ curator|fio('accusative') }}.\"\n"
        '  - text: "Контроль оставляю за собой."\n',
        encoding="utf-8",
    )
    [item] = build_document("order-introduce-model", school_raw, templates=tmp_path)
    text = "\n".join(docx_text(item.data))
    assert "1. Назначить куратором Черных Любовь Павловну." in text
    assert "2. Контроль оставляю за собой." in text


def test_typo_in_a_condition_of_the_wording_is_an_error_not_a_missing_clause(tmp_path, school_raw):
    (tmp_path / "order-introduce-model.yaml").write_text(
        'title: "T"\npreamble: "P"\nclauses:\n  - text: "A"\n    when: "org.websit"\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="нет поля «websit»"):
        build_document("order-introduce-model", school_raw, templates=tmp_path)


def test_wording_deeper_than_the_template_shows_is_an_error(tmp_path, school_raw):
    (tmp_path / "order-introduce-model.yaml").write_text(
        'title: "T"\npreamble: "P"\nclauses:\n  - text: "A"\n    items:\n      - text: "B"\n        items:\n'
        '          - text: "C"\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="глубже"):
        build_document("order-introduce-model", school_raw, templates=tmp_path)


def test_word_template_with_tracked_changes_is_refused(tmp_path, school_raw):
    import zipfile

    from nastavnik_docs.io.templates import read_template

    source = read_template("regulation-model.docx")
    target = tmp_path / "regulation-model.docx"
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(target, "w") as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:r>", b'<w:ins w:id="1" w:author="A"><w:r>', 1).replace(
                    b"</w:r>", b"</w:r></w:ins>", 1
                )
            changed.writestr(info, data)
    with pytest.raises(TemplateError, match="рецензирования"):
        build_document("regulation-model", school_raw, templates=tmp_path)
