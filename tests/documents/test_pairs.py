"""Stage 4 read back: consents by age, agreements, plans, partnerships, the order on pairs, and
the batch kit (file names, parallel = serial, nothing left behind on failure)."""

import io
import re
from pathlib import Path

import docx
import pytest
from readback import docx_text, flat

from nastavnik_docs.documents.pairs import consent_variant, each_consent
from nastavnik_docs.documents.spec import own_context
from nastavnik_docs.errors import InputError, TemplateError
from nastavnik_docs.models import SchoolRegister
from nastavnik_docs.models.register import age_on
from nastavnik_docs.produce import build_document, produce_kit, sample_input

NB = "\u00a0"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stage4():
    return sample_input("stage-4")


@pytest.fixture(scope="module")
def files(stage4):
    out = {}
    for document_id in ("consent-pd", "agreement-pair", "individual-plan", "partnership-agreement", "order-pairs"):
        for item in build_document(document_id, stage4):
            out[item.name] = item.data
    return out


def text(data):
    return "\n".join(docx_text(data))


def consent_of(files, stage4, variant):
    """Return (person context, document text) of the first consent with ``variant``."""
    for stem, make in each_consent(stage4):
        context = own_context(make)
        if context["consent"]["variant"] == variant:
            name = next(
                n
                for n in files
                if n.startswith("consents/")
                and stem.split()[0] in n
                and n.endswith(f"_{stem.split()[1][0]}{stem.split()[2][0]}.docx")
            )
            return context["consent"], text(files[name])
    raise AssertionError(variant)


@pytest.mark.parametrize(
    ("age", "variant"), [(9, "child"), (13, "child"), (14, "minor"), (17, "minor"), (18, "adult"), (45, "adult")]
)
def test_consent_variant_by_age(age, variant):
    assert consent_variant(age) == variant


def test_every_variant_occurs_in_the_sample(stage4):
    variants = {own_context(make)["consent"]["variant"] for _, make in each_consent(stage4)}
    assert variants == {"adult", "minor", "child"}


def test_adult_consent_has_every_element_of_152_fz(files, stage4):
    consent, body = consent_of(files, stage4, "adult")
    body = flat(body)  # «д.~22», «№~814537»: the words, not where a line may break
    subject = consent["subject"]
    assert f"Я, {subject['name']}" in body
    assert subject["address"] in body
    assert subject["document"]["series_number"] in body and subject["document"]["issued_by"] in body
    assert "Муниципальному бюджетному общеобразовательному учреждению" in body  # the operator, in the dative
    assert "644999, Омская область, г. Новоборск, ул. Школьная, д. 7" in body  # the operator's address
    for element in ("цел", "перечень", "сбор", "хранение", "уничтожение", "отозвано", "региональн"):
        assert element in body.lower(), element
    assert "законного представителя" not in body.lower() or "законный представитель" not in body.lower()


def test_child_consent_is_given_by_the_representative(files, stage4):
    consent, body = consent_of(files, stage4, "child")
    body = flat(body)
    rep = consent["representative"]
    assert consent["age"] < 14 and rep is not None
    assert f"Я, {rep['name']}" in body
    assert rep["authority"] in body and rep["document"]["series_number"] in body
    assert "несовершеннолетн" in body
    assert body.count("(подпись)") == 1  # the representative alone signs


def test_minor_consent_is_signed_by_both(files, stage4):
    consent, body = consent_of(files, stage4, "minor")
    assert 14 <= consent["age"] < 18
    assert f"Я, {consent['subject']['name']}" in body and consent["representative"]["name"] in body
    assert body.count("(подпись)") == 2


def padded(code, stage4):
    """Return a pair's number as its files write it: zero-padded to the longest («01_…» sorts before «10_…»)."""
    return code.zfill(max(len(p.code) for p in stage4.roster.pairs))


def test_pair_files_are_numbered_with_zeros_and_sort_in_order(files, stage4):
    plans = [n.split("/")[1] for n in files if n.startswith("individual-plans/")]
    assert len(plans) == len(stage4.roster.pairs) >= 10
    numbers = [int(n.split("_")[0]) for n in sorted(plans)]
    assert numbers == sorted(numbers) and sorted(plans)[0].startswith("01_")


def test_agreement_names_the_parties_in_the_right_cases(files, stage4):
    pair = stage4.roster.pairs[0]
    name = next(n for n in files if n.startswith(f"agreements/{padded(pair.code, stage4)}_"))
    body = text(files[name])
    assert f"СОГЛАШЕНИЕ №{NB}{pair.code}" in body or f"СОГЛАШЕНИЕ № {pair.code}" in body
    assert "в лице директора Ткач Анны Сергеевны, действующей на основании Устава" in body
    assert "«ученик – ученик»" in body


def agreement_of(files, stage4, role, band):
    """Return (the party, its pair, the preamble, the signatures' text) of the first agreement where the
    mentor or a mentee (``role``) is in the age ``band`` on the pair's start."""
    mentors = {m.code: m for m in stage4.roster.mentors}
    mentees = {m.code: m for m in stage4.roster.mentees}
    for pair in stage4.roster.pairs:
        people = [mentors[pair.mentor]] if role == "mentor" else [mentees[code] for code in pair.mentees]
        for person in people:
            if consent_variant(age_on(person.birth_date, pair.start)) == band:
                name = next(n for n in files if re.match(rf"agreements/0*{pair.code}_", n))
                document = docx.Document(io.BytesIO(files[name]))
                preamble = next(p.text for p in document.paragraphs if "совместно именуемые Стороны" in p.text)
                signatures = "\n".join(" ".join(c.text for c in row.cells) for row in document.tables[-1].rows)
                return person, pair, preamble, signatures
    raise AssertionError((role, band))


def clause_of(preamble, person):
    """Return the part of the preamble that names ``person``: from the name to the next party."""
    start = preamble.index(person.name)
    return re.split(r";|\(далее", preamble[start:])[0]


@pytest.mark.parametrize(  # no mentor is under 14: the youngest mentors of the sample are pupils of 15
    ("role", "band"),
    [("mentee", "child"), ("mentee", "minor"), ("mentee", "adult"), ("mentor", "minor"), ("mentor", "adult")],
)
def test_agreement_parties_by_age(files, stage4, role, band):
    person, _, preamble, signatures = agreement_of(files, stage4, role, band)
    clause = clause_of(preamble, person)
    rep = person.representative
    if band == "child":  # the representative acts and signs for the child
        assert "в лице законного представителя —" in clause and "с письменного согласия" not in clause
        assert f"{person.name}, в лице законного представителя ({rep.relation}):" in signatures
        assert rep.name in signatures
    elif band == "minor":  # the minor signs with the representative's written consent; both sign
        assert "с письменного согласия законного представителя —" in clause and "в лице" not in clause
        assert f"Согласие законного представителя ({rep.relation}):" in signatures
        assert person.name in signatures and rep.name in signatures
    else:  # adults alone
        assert "законного представителя" not in clause
        assert person.name in signatures
        if rep is not None:
            assert rep.name not in signatures


def test_partnership_agreement_gender_agreement(files):
    bodies = [text(data) for name, data in files.items() if name.startswith("partnership-agreements/")]
    assert len(bodies) == 4
    joined = "\n".join(bodies)
    assert "в лице генерального директора Кравченко Олега Николаевича, действующего на основании Устава" in joined
    assert "в лице директора Ткач Марины Игоревны, действующей на основании Устава" in joined
    assert (
        "в лице генерального директора Соколовой-Михайловой Веры Андреевны, действующей на основании Устава" in joined
    )


def test_individual_plan_has_dated_activities(files, stage4):
    pair = stage4.roster.pairs[0]
    name = next(n for n in files if n.startswith(f"individual-plans/{padded(pair.code, stage4)}_"))
    document = docx.Document(io.BytesIO(files[name]))
    activities = next(t for t in document.tables if any("Мероприятие" in c.text for c in t.rows[0].cells))
    rows = [[c.text for c in row.cells] for row in activities.rows[1:]]
    assert len(rows) >= 8
    first_meeting = stage4.school.timeline.dates["first_meetings"]  # samples/school.yaml: schedule
    assert pair.start == stage4.school.timeline.dates["pairs_start"]
    assert rows[0][0] == "1." and rows[0][2] == f"до{NB}{first_meeting:%d.%m.%Y}"
    assert any("Октябрь" in row[2] for row in rows)


def test_order_on_pairs_lists_every_pair(files, stage4):
    document = docx.Document(io.BytesIO(files["order-pairs.docx"]))
    body = text(files["order-pairs.docx"])
    assert f"№{NB}87\u2011од" in body and "О закреплении наставнических пар (групп)" in body
    assert f"Закрепить 82{NB}наставнические пары (группы)" in body
    appendix = document.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == [
        "№ п/п",
        "Наставник",
        "Наставляемый (наставляемые)",
        "Форма наставничества",
        "Срок",
    ]
    assert len(appendix.rows) == 1 + len(stage4.roster.pairs)
    assert appendix.rows[1].cells[4].text == "15.09.2026–31.05.2027"  # from the day after the order


def test_file_names_are_safe_and_unique(files):
    names = [n for n in files if "/" in n]
    assert len(names) == len({n.lower() for n in names})
    for name in names:
        _, filename = name.split("/")
        assert re.fullmatch(r"[0-9A-Za-zА-Яа-яЁё_-]+\.docx", filename), filename


def test_no_leftover_markup_in_any_batch_document(files):
    for name, data in files.items():
        body = text(data)
        assert "{{" not in body and "{%" not in body, name


def test_parallel_output_is_the_same_as_serial(stage4, tmp_path):
    one = produce_kit("stage-4", stage4, tmp_path / "one", jobs=1)
    two = produce_kit("stage-4", stage4, tmp_path / "two", jobs=2)
    files_one = sorted(p.relative_to(one) for p in one.rglob("*.docx"))
    assert files_one == sorted(p.relative_to(two) for p in two.rglob("*.docx"))
    assert len(files_one) > 300
    for path in files_one:
        assert (one / path).read_bytes() == (two / path).read_bytes(), path


def test_latin_file_names(stage4, tmp_path):
    out = produce_kit("stage-4", stage4, tmp_path / "latin", latin=True)
    names = [p.name for p in (out / "consents").iterdir()]
    assert all(n.isascii() for n in names)
    assert "Tkach" in " ".join(names) or "Chernykh" in " ".join(names)


def test_failure_midway_leaves_nothing(stage4, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "individual-plan.docx").write_bytes(b"broken")
    with pytest.raises(TemplateError):
        produce_kit("stage-4", stage4, tmp_path / "out", templates=templates)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tpl"]


def test_interrupted_run_leaves_nothing_and_rerun_completes(stage4, tmp_path, monkeypatch):
    from nastavnik_docs import produce as batch

    original = batch.prepare_docx
    calls = {"n": 0}

    class Interrupted:
        def __init__(self, prepared):
            self.prepared = prepared

        def render(self, context):
            calls["n"] += 1
            if calls["n"] == 50:
                raise KeyboardInterrupt
            return self.prepared.render(context)

    monkeypatch.setattr(batch, "prepare_docx", lambda data, name: Interrupted(original(data, name=name)))
    with pytest.raises(KeyboardInterrupt):
        produce_kit("stage-4", stage4, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(batch, "prepare_docx", original)
    out = produce_kit("stage-4", stage4, tmp_path / "out")
    assert len(list((out / "consents").iterdir())) == len(stage4.roster.mentors) + len(stage4.roster.mentees)


def test_order_on_pairs_needs_its_number(stage4):
    school = stage4.school.model_copy(update={"pairs_order": None})
    with pytest.raises(InputError, match="pairs_order"):
        build_document("order-pairs", SchoolRegister(school=school, roster=stage4.roster))
