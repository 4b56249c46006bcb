"""The ``nastavnik-docs`` command line: a thin door onto the library.

Errors of the library are caught in one place (:func:`main`): one line «Ошибка: …» on stderr,
exit code 2 for bad input and 1 otherwise, never a traceback or local variables.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .documents import KITS
from .errors import CatalogueError, InputError, NastavnikDocsError, NastavnikDocsWarning
from .io.manifest import MANIFEST
from .io.output import describe
from .io.sinks import write_file
from .io.templates import read_template
from .models import SCHEMAS
from .produce import (
    Corrections,
    build_document,
    count_documents,
    count_pdfs,
    kits_for_data,
    load_kit_input,
    produce_files,
    produce_kit,
    produce_kits,
    proof_rows,
    sample_input,
)
from .ru import Case, PersonName, format_date, inflect_phrase, parse_case, plural
from .version import release

if TYPE_CHECKING:
    from .region.queue import QueueSettings

app = typer.Typer(
    name="nastavnik-docs",
    help="Документы целевой модели наставничества: приказы, положения, планы, согласия.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nastavnik-docs {release()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Показать версию и выйти."),
    ] = False,
) -> None:
    """Документы целевой модели наставничества."""


CaseOption = Annotated[
    str | None,
    typer.Option(
        "--case",
        "-c",
        help="Падеж: nominative, genitive, dative, accusative, instrumental, prepositional "
        "(или по-русски: дательный…). Без него — все шесть падежей.",
    ),
]


@app.command()
def decline(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="«Фамилия Имя Отчество»; «-» — читать по одному имени в строке со стандартного ввода."),
    ] = None,
    case: CaseOption = None,
    gender: Annotated[
        str | None, typer.Option("--gender", "-g", help="Род: male или female (обычно определяется сам).")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Файл с именами, по одному в строке.", dir_okay=False)
    ] = None,
    initials: Annotated[bool, typer.Option("--initials", help="Выводить фамилию с инициалами.")] = False,
) -> None:
    """Просклонять ФИО: nastavnik-docs decline "Ткач Анна Сергеевна" --case dative."""
    target = parse_case(case) if case else None
    lines = _name_lines(names or [], file)
    failures = 0
    for number, text in lines:
        try:
            name = PersonName.parse(text, gender=gender)
            if target is None:
                forms = [_show(name.inflect(c), initials) for c in Case]
                typer.echo("\t".join(forms))
            else:
                typer.echo(_show(name.inflect(target), initials))
        except InputError as error:
            if len(lines) == 1:
                raise
            failures += 1
            typer.echo(f"Ошибка: строка {number}: {error}", err=True)
    if failures:
        raise typer.Exit(2)


@app.command()
def phrase(
    text: Annotated[str, typer.Argument(help="Должность или наименование, например «заместитель директора по УВР».")],
    case: CaseOption = None,
) -> None:
    """Просклонять должность или наименование организации."""
    cases = [parse_case(case)] if case else list(Case)
    for target in cases:
        typer.echo(inflect_phrase(text, target))


@app.command()
def date(
    value: Annotated[str, typer.Argument(help="Дата: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ.")],
    style: Annotated[str, typer.Option("--style", "-s", help="long, text, numeric, month или month-full.")] = "long",
) -> None:
    """Записать дату так, как её пишут в документах: «29» мая 2020 г."""
    typer.echo(format_date(value, style))


_REGISTER_KITS = [kit.name for kit in KITS.values() if kit.register == "required"]

OutOption = Annotated[Path, typer.Option("--output", "-o", help="Куда записать комплект: папка (или архив с --zip).")]
ZipOption = Annotated[bool, typer.Option("--zip", help="Записать один архив .zip вместо папки.")]
IdsOption = Annotated[
    bool,
    typer.Option(
        "--ids",
        help="Называть файлы идентификаторами документов (order-pairs.docx), "
        "а не номером в комплекте и названием («01 Приказ о закреплении наставнических пар (групп).docx»).",
    ),
]
PdfOption = Annotated[
    bool,
    typer.Option(
        "--pdf", help="Добавить PDF каждого документа: из Word, а у таблиц без Word — из Excel (нужен LibreOffice)."
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Заменить файлы комплекта, если папка или архив уже есть.")]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Папка со своими шаблонами: они заменяют встроенные с тем же именем файла."),
]


CorrectionsOption = Annotated[
    Path | None,
    typer.Option(
        "--corrections",
        help="Лист проверки склонений (.xlsx, его делает nastavnik-docs proof) с исправленными формами.",
        dir_okay=False,
    ),
]


BrokerOption = Annotated[
    str | None,
    typer.Option(
        "--broker",
        envvar="NASTAVNIK_DOCS_BROKER",
        help="Очередь заданий Redis (redis://ХОСТ:ПОРТ/N): работу делают воркеры nastavnik-docs worker.",
    ),
]
_NEEDS_QUEUE = "Нужны пакеты очереди заданий: pip install 'nastavnik-docs[queue]'."


def _queue_settings(broker: str | None, **given: float | None) -> QueueSettings | None:
    """Return the queue's settings for ``broker`` (None without one); Celery must be installed then."""
    if not broker:
        return None
    try:
        from .region.queue import QueueSettings
    except ImportError:
        raise InputError(_NEEDS_QUEUE) from None
    return QueueSettings.from_env(broker, **given)


def _read_corrections(path: Path | None) -> Corrections:
    if path is None:
        return []
    from .io.proof import read_corrections  # openpyxl is needed only here

    return read_corrections(path)


@app.command()
def kit(
    name: Annotated[str, typer.Argument(help=f"Комплект: {', '.join(KITS)}.")],
    data: Annotated[
        Path,
        typer.Argument(
            help="Файл данных организации (YAML, JSON или анкета .xlsx); для сводного комплекта — папка форм."
        ),
    ],
    output: OutOption,
    register: Annotated[
        Path | None,
        typer.Argument(
            help=f"Реестр участников (.xlsx): обязателен для {', '.join(_REGISTER_KITS)}; "
            "для teachers — пары «учитель – учитель» берутся из него."
        ),
    ] = None,
    as_zip: ZipOption = False,
    pdf: PdfOption = False,
    force: ForceOption = False,
    templates: TemplatesOption = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Сколько процессов использовать для пакетных документов.")
    ] = 1,
    latin: Annotated[bool, typer.Option("--latin", help="Имена файлов латиницей (Chernykh_LP.docx).")] = False,
    ids: IdsOption = False,
    corrections: CorrectionsOption = None,
    surveys: Annotated[
        Path | None,
        typer.Option(
            "--surveys",
            help="Книга ответов анкетирования удовлетворённости (.xlsx) для формы итогового мониторинга (stage-6).",
            dir_okay=False,
        ),
    ] = None,
    monitoring: Annotated[
        Path | None,
        typer.Option(
            "--monitoring",
            help="Заполненная форма итогового мониторинга (.xlsx) для итогов (stage-7) и корректировки планов (stage-8).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Собрать комплект документов этапа: nastavnik-docs kit stage-1 school.yaml -o out."""
    started = time.perf_counter()
    fixes = _read_corrections(corrections)
    model = load_kit_input(name, data, register, surveys, monitoring)
    total = count_documents(name, model)
    with _progress(total, count_pdfs(name, model) if pdf else 0) as (advance, advance_pdf):
        target = produce_kit(
            name,
            model,
            output,
            templates=templates,
            as_zip=as_zip,
            force=force,
            pdf=pdf,
            jobs=jobs,
            latin=latin,
            titles=not ids,
            progress=advance,
            corrections=fixes,
            pdf_progress=advance_pdf,
            sources=[path for path in (data, register, surveys, monitoring, templates, corrections) if path],
        )
    typer.echo(f"Готово: комплект {name} ({_files(target)}) в {target} ({time.perf_counter() - started:.1f} с).")


@app.command()
def proof(
    data: Annotated[Path, typer.Argument(help="Файл данных (YAML, JSON или анкета .xlsx).")],
    register: Annotated[
        Path | None, typer.Argument(help="Реестр участников (.xlsx): с ним в лист попадает и этап 4.")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать лист проверки (.xlsx).")] = Path(
        "proof.xlsx"
    ),
    kit_name: Annotated[
        str | None,
        typer.Option("--kit", help=f"Только этот комплект: {', '.join(KITS)}. Без него — все, что делаются из данных."),
    ] = None,
    corrections: CorrectionsOption = None,
    templates: TemplatesOption = None,
    force: Annotated[bool, typer.Option("--force", help="Заменить файл, если он уже есть.")] = False,
) -> None:
    """Выписать все склоняемые формы комплекта в лист Excel: проверить и исправить до печати."""
    from .io.proof import ProofLine, write_proof  # openpyxl is needed only here

    if output.exists() and not force:
        raise InputError(f"Файл {output} уже существует. Чтобы заменить его, добавьте --force.")
    fixes = _read_corrections(corrections)
    inputs = {kit_name: load_kit_input(kit_name, data, register)} if kit_name else kits_for_data(data, register)
    merged: dict[tuple[str, str, Case], tuple[str, str, list[str]]] = {}
    for kit_of_row, row in proof_rows(inputs, templates=templates, corrections=fixes):
        entry = merged.setdefault((row.kind, row.phrase, row.case), (row.form, row.automatic, []))
        entry[2].extend(f"{kit_of_row}: {document}" for document in row.documents)
    lines = [
        ProofLine(kind, phrase, case, form, automatic, "; ".join(documents))
        for (kind, phrase, case), (form, automatic, documents) in merged.items()
    ]
    write_proof(lines, output, force=force, sources=[p for p in (data, register, corrections, templates) if p])
    count = plural(len(lines), ("форма", "формы", "форм"), space=" ")
    typer.echo(f"Записан лист проверки склонений: {output} ({count}; комплекты: {', '.join(inputs)}).")


@app.command()
def demo(
    output: OutOption,
    as_zip: ZipOption = False,
    pdf: PdfOption = False,
    force: ForceOption = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Сколько процессов использовать.")] = 1,
    ids: IdsOption = False,
) -> None:
    """Собрать все комплекты из встроенных примеров данных (вымышленная школа и люди)."""
    started = time.perf_counter()
    inputs = {name: sample_input(name) for name in KITS}
    total = sum(count_documents(name, model) for name, model in inputs.items())
    pdfs = sum(count_pdfs(name, model) for name, model in inputs.items()) if pdf else 0
    with _progress(total, pdfs) as (advance, advance_pdf):
        target = produce_kits(
            inputs,
            output,
            as_zip=as_zip,
            force=force,
            pdf=pdf,
            jobs=jobs,
            titles=not ids,
            progress=advance,
            pdf_progress=advance_pdf,
        )
    typer.echo(f"Готово: {_files(target)} ({', '.join(KITS)}) в {target} ({time.perf_counter() - started:.1f} с).")


def _files(target: Path) -> str:
    """Return «6 файлов»: the files written to the kit's folder or archive (its manifest left out)."""
    if target.suffix == ".zip":
        with zipfile.ZipFile(target) as archive:
            count = sum(not member.endswith("/") for member in archive.namelist())
    else:
        count = sum(path.is_file() and path.name != MANIFEST for path in target.rglob("*"))
    return plural(count, ("файл", "файла", "файлов"), space=" ")


region_app = typer.Typer(
    help="Регион: комплекты для сотен организаций — в этом процессе или на воркерах очереди.", no_args_is_help=True
)
app.add_typer(region_app, name="region")


@region_app.command("kits")
def region_kits(
    region: Annotated[
        Path,
        typer.Argument(
            help="Папка региона: по папке на организацию, в каждой её файл данных (data.yaml) и реестр (register.xlsx)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать комплекты, оглавление и сводку.")],
    kit_name: Annotated[str, typer.Option("--kit", help=f"Комплект каждой организации: {', '.join(KITS)}.")],
    as_zip: Annotated[bool, typer.Option("--zip", help="Комплект каждой организации — архивом .zip.")] = False,
    pdf: PdfOption = False,
    force: Annotated[
        bool, typer.Option("--force", help="Заменить комплекты, если папка — результат прежнего задания региона.")
    ] = False,
    latin: Annotated[bool, typer.Option("--latin", help="Имена файлов латиницей (Chernykh_LP.docx).")] = False,
    ids: IdsOption = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Процессов на пакетные документы одной организации.")
    ] = 1,
    broker: BrokerOption = None,
) -> None:
    """Собрать комплект для каждой организации региона: ошибка одной не останавливает другие.

    Код выхода: 0 — все комплекты изготовлены; 1 — некоторые нет (они перечислены здесь, в index.xlsx
    и region.json); 2 — ни одного или ошибка ввода.
    """
    from .io.region import INDEX, find_organisations
    from .region import produce_region

    started = time.perf_counter()
    queue = _queue_settings(broker)
    runner = None
    if queue is not None:
        from .region.queue import CeleryRunner

        runner = CeleryRunner(queue)
    total = len(find_organisations(region))
    with _progress(total, label="Организации", least=2) as (advance, _):
        summary = produce_region(
            kit_name,
            region,
            output,
            runner=runner,
            force=force,
            as_zip=as_zip,
            pdf=pdf,
            latin=latin,
            titles=not ids,
            jobs=jobs,
            done=(lambda outcome: advance(1)) if advance else None,
        )
    for item in summary.failed:
        typer.echo(f"{item.folder}: {item.error}", err=True)
        for line in item.problems:
            typer.echo(f"  {line}", err=True)
    made = plural(len(summary.succeeded), ("организации", "организаций", "организаций"), space=" ")
    documents = plural(summary.documents, ("документ", "документа", "документов"), space=" ")
    typer.echo(
        f"Готово: комплекты {kit_name} для {made} из {len(summary.organisations)} ({documents}) в {output} "
        f"({time.perf_counter() - started:.1f} с); оглавление — {output / INDEX}."
    )
    if summary.failed:
        raise typer.Exit(2 if not summary.succeeded else 1)


@app.command()
def worker(
    broker: Annotated[
        str,
        typer.Option("--broker", envvar="NASTAVNIK_DOCS_BROKER", help="Очередь заданий Redis: redis://ХОСТ:ПОРТ/N."),
    ],
    concurrency: Annotated[
        int,
        typer.Option("--concurrency", "-c", min=1, max=64, help="Сколько задач воркер делает сразу (процессов)."),
    ] = os.cpu_count() or 1,
    name: Annotated[str | None, typer.Option("--name", help="Имя воркера (по умолчанию — по имени машины).")] = None,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=1, help="Секунд на одну задачу (по умолчанию 600), потом она прерывается."),
    ] = None,
    visibility_timeout: Annotated[
        float | None,
        typer.Option(
            "--visibility-timeout",
            min=1,
            help="Через сколько секунд задача воркера, который пропал, достаётся другому (больше времени задачи).",
        ),
    ] = None,
) -> None:
    """Запустить воркер очереди: комплекты организаций, пакеты форм мониторинга, задания сервиса (Ctrl+C — стоп)."""
    settings = _queue_settings(broker, time_limit=time_limit, visibility_timeout=visibility_timeout)
    assert settings is not None
    from .region.queue import run_worker

    run_worker(settings, concurrency=concurrency, name=name)


register_app = typer.Typer(help="Реестр участников (этап 4).", no_args_is_help=True)
app.add_typer(register_app, name="register")


@register_app.command("template")
def register_template(
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать пустую форму реестра (.xlsx).")] = Path(
        "register.xlsx"
    ),
    force: Annotated[bool, typer.Option("--force", help="Заменить файл, если он уже есть.")] = False,
) -> None:
    """Записать пустую форму реестра наставников, наставляемых, пар и партнёров."""
    write_file(output, read_template("register.xlsx"), force=force)
    typer.echo(f"Записана пустая форма реестра: {output}.")


@register_app.command("check")
def register_check(
    register: Annotated[Path, typer.Argument(help="Реестр участников (.xlsx).")],
) -> None:
    """Проверить реестр: все ошибки сразу, с листом, строкой и столбцом."""
    from .io.register import load_register  # openpyxl is needed only here

    roster = load_register(register)
    typer.echo(
        f"Реестр в порядке: наставников {len(roster.mentors)}, наставляемых {len(roster.mentees)}, "
        f"пар и групп {len(roster.pairs)}, партнёров {len(roster.partners)}."
    )


datafile_app = typer.Typer(help="Файл данных организации: анкета Excel вместо YAML.", no_args_is_help=True)
app.add_typer(datafile_app, name="datafile")


@datafile_app.command("template")
def datafile_template(
    kind: Annotated[str, typer.Argument(help="Чья анкета: school (школа, этапы 1–6), municipality, teachers.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать пустую анкету (.xlsx).")] = Path(
        "data.xlsx"
    ),
    force: Annotated[bool, typer.Option("--force", help="Заменить файл, если он уже есть.")] = False,
) -> None:
    """Записать пустую анкету Excel: заполненную её принимает любая команда kit вместо YAML."""
    from .io.questionnaire import KINDS, questionnaire_bytes  # openpyxl is needed only here

    if kind not in KINDS:
        raise CatalogueError(f"Неизвестный вид анкеты «{kind}». Известные: {', '.join(KINDS)}.")
    write_file(output, questionnaire_bytes(kind), force=force)
    typer.echo(f"Записана пустая анкета ({kind}): {output}.")


monitoring_app = typer.Typer(
    help="Итоговый мониторинг: сбор заполненных форм организаций (этап 7).", no_args_is_help=True
)
app.add_typer(monitoring_app, name="monitoring")


@monitoring_app.command("collect")
def monitoring_collect(
    folder: Annotated[Path, typer.Argument(help="Папка с заполненными формами итогового мониторинга (с подпапками).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать сводную таблицу (.xlsx).")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Записать и аналитическую справку (.docx) с рекомендациями.")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Записать и страницу итогов для сайта (.html).")] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Заголовок документов (по умолчанию «Итоги мониторинга …»).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Кто собирает формы — подпись документов (по умолчанию «Региональный наставнический центр»)."
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", min=2000, max=2100, help="Отчётный год (по умолчанию — год большинства форм)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Заменить файлы, если они уже есть.")] = False,
    broker: BrokerOption = None,
    batch: Annotated[
        int, typer.Option("--batch", min=1, max=10_000, help="Сколько форм читает одна задача очереди (с --broker).")
    ] = 50,
) -> None:
    """Собрать заполненные формы мониторинга из папки: сводная таблица, справка, страница итогов.

    Код выхода: 0 — все файлы приняты; 1 — документы записаны, но некоторые файлы не приняты
    (они перечислены здесь и на листе «Ошибки»); 2 — ни одной принятой формы или ошибка ввода.
    """
    from .io.monitoring import read_collection  # openpyxl is needed only here

    started = time.perf_counter()
    queue = _queue_settings(broker)
    if queue is None:
        collection = read_collection(folder, year=year, collector=by, title=title)
    else:
        from .region import collect_forms
        from .region.queue import CeleryRunner

        collection = collect_forms(
            folder, runner=CeleryRunner(queue), batch=batch, year=year, collector=by, title=title
        )
    if collection.rejected:
        count = plural(len(collection.rejected), ("файл не принят", "файла не приняты", "файлов не приняты"), space=" ")
        typer.echo(f"{count}:", err=True)
        for item in collection.rejected:
            for problem in item.problems:
                typer.echo(f"  {problem}", err=True)
    if not collection.reports:
        raise InputError(f"В папке {folder} нет ни одной принятой формы итогового мониторинга: документы не записаны.")
    targets = {"monitoring-summary": output, "analytical-report": report, "monitoring-results": html}
    chosen = {key: path for key, path in targets.items() if path is not None}
    written = produce_files(chosen, collection, force=force, sources=[folder])
    forms = plural(len(collection.reports), ("форма", "формы", "форм"), space=" ")
    typer.echo(
        f"Принято: {forms}; записано: {', '.join(str(path) for path in written)} ({time.perf_counter() - started:.1f} с)."
    )
    if collection.rejected:
        raise typer.Exit(1)


surveys_app = typer.Typer(help="Анкеты удовлетворённости наставников и наставляемых (этап 6).", no_args_is_help=True)
app.add_typer(surveys_app, name="surveys")

RegisterOption = Annotated[
    Path | None, typer.Option("--register", "-r", help="Реестр участников (.xlsx): коды наставников и наставляемых.")
]


@surveys_app.command("template")
def surveys_template(
    output: Annotated[Path, typer.Option("--output", "-o", help="Куда записать книгу ответов (.xlsx).")] = Path(
        "answers.xlsx"
    ),
    register: RegisterOption = None,
    force: Annotated[bool, typer.Option("--force", help="Заменить файл, если он уже есть.")] = False,
) -> None:
    """Записать книгу ответов на анкеты: с реестром — по строке на каждого участника, с его кодом."""
    from .io.register import load_register  # openpyxl is needed only here
    from .models import Register, SurveyRoster

    if output.exists() and not force:  # before reading the register: nothing to do
        raise InputError(f"Файл {output} уже существует. Чтобы заменить его, добавьте --force.")
    roster = load_register(register) if register is not None else Register()
    [workbook] = build_document("survey-answers", SurveyRoster(roster=roster))
    write_file(output, workbook.data, force=force, sources=[register] if register else ())
    if register is None:
        typer.echo(f"Записана пустая книга ответов: {output}.")
    else:
        typer.echo(
            f"Записана книга ответов: {output} (наставников {len(roster.mentors)}, наставляемых {len(roster.mentees)})."
        )


@surveys_app.command("summarize")
def surveys_summarize(
    answers: Annotated[Path, typer.Argument(help="Книга ответов на анкеты (.xlsx).")],
    register: RegisterOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Записать итоги ещё и в книгу Excel (.xlsx).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Заменить файл итогов, если он уже есть.")] = False,
) -> None:
    """Посчитать долю удовлетворённых наставников и наставляемых, всего и по формам наставничества."""
    from .io.register import load_register  # openpyxl is needed only here
    from .io.surveys import load_answers, summary_workbook
    from .models import Register, satisfaction
    from .models.surveys import summary_rows, survey_catalogue

    if output is not None and output.exists() and not force:
        raise InputError(f"Файл {output} уже существует. Чтобы заменить его, добавьте --force.")
    roster = load_register(register) if register is not None else None
    result = satisfaction(load_answers(answers, roster), roster or Register())
    words = survey_catalogue().summary
    typer.echo(words.title)
    typer.echo(_table([list(words.columns), *[[_cell(value) for value in row] for row in summary_rows(result)]]))
    if output is not None:
        write_file(output, summary_workbook(result), force=force, sources=[p for p in (answers, register) if p])
        typer.echo(f"Итоги записаны: {output}.")


def _cell(value: object) -> str:
    """Return a value of the summary as printed: «—» for none, a decimal comma."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _table(rows: list[list[str]]) -> str:
    """Return rows as text columns, numbers aligned right."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            text.ljust(width) if index < 2 else text.rjust(width)
            for index, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


Advance = Callable[[int], None] | None


@contextmanager
def _progress(
    total: int, pdfs: int = 0, *, label: str = "Документы", least: int = 50
) -> Iterator[tuple[Advance, Advance]]:
    """Yield callbacks advancing the bars of documents and of PDF files on stderr, in a terminal only.

    The documents' bar shows for long runs (50 documents or more); the PDF bar for any PDF, file
    by file, since each takes a noticeable fraction of a second.
    """
    if not sys.stderr.isatty() or (total < least and not pdfs):
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True),
    ) as bar:
        documents = bar.add_task(label, total=total)
        converted = bar.add_task("PDF", total=pdfs, visible=bool(pdfs))
        yield (lambda count: bar.advance(documents, count)), (lambda count: bar.advance(converted, count))


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help=f"Модель: {', '.join(SCHEMAS)}.")],
) -> None:
    """Напечатать JSON Schema модели данных (описания полей — по-русски)."""
    if name not in SCHEMAS:
        raise CatalogueError(f"Неизвестная модель «{name}». Известные: {', '.join(SCHEMAS)}.")
    typer.echo(json.dumps(SCHEMAS[name].model_json_schema(), ensure_ascii=False, indent=2))


schemas_app = typer.Typer(
    help="JSON Schema входных данных и OpenAPI сервиса — для других систем.", no_args_is_help=True
)
app.add_typer(schemas_app, name="schemas")

_NEEDS_API = "Нужны пакеты сервиса: pip install 'nastavnik-docs[api]'."


@schemas_app.command("export")
def schemas_export(
    folder: Annotated[Path, typer.Argument(help="Куда записать схемы (в репозитории — docs/schemas).")],
) -> None:
    """Записать JSON Schema каждой модели входных данных и openapi.json сервиса."""
    try:
        from .api.schemas import export_schemas
    except ImportError:
        raise InputError(_NEEDS_API) from None
    written = export_schemas(folder)
    typer.echo(f"Записано схем: {len(written)} в {folder}.")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Адрес, на котором слушать.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Порт.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Сколько процессов сервиса.")] = 1,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.001, help="Секунд на изготовление документов одного запроса (иначе 504)."),
    ] = 300.0,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", min=0.001, help="Наибольший размер тела запроса, МБ (иначе 413).")
    ] = 60.0,
    threads: Annotated[
        int, typer.Option("--threads", min=1, max=64, help="Сколько запросов в процессе изготавливают документы сразу.")
    ] = 4,
    broker: BrokerOption = None,
    results: Annotated[
        Path | None,
        typer.Option(
            "--results",
            envvar="NASTAVNIK_DOCS_RESULTS",
            help="Папка, общая с воркерами: данные и архивы заданий (POST /v1/jobs). Нужна с --broker.",
        ),
    ] = None,
) -> None:
    """Запустить HTTP-сервис (OpenAPI: /docs): документы и комплекты по данным в JSON."""
    try:
        import uvicorn

        from .api import Settings
        from .api.guard import log_config
        from .api.jobs import job_store
    except ImportError:
        raise InputError(_NEEDS_API) from None
    settings = Settings(
        max_body=int(max_body_mb * 1024 * 1024),
        timeout=timeout,
        threads=threads,
        broker=broker,
        results=str(results.absolute()) if results else None,
    )
    job_store(settings)  # a broker without a results folder, or without Celery: said here, before serving
    os.environ.update(settings.to_env())  # every worker process reads them
    uvicorn.run(
        "nastavnik_docs.api:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the service logs route templates only: no query values, no file names
        log_config=log_config(),
        server_header=False,
    )


@app.command()
def web(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Порт на 127.0.0.1.")] = 8000,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Открыть страницу в браузере, когда сервис запустится.")
    ] = True,
) -> None:
    """Открыть страницу для координаторов: выбрать комплект, загрузить анкету и реестр, скачать архив."""
    try:
        import uvicorn

        from .api import create_app
        from .api.guard import log_config
    except ImportError:
        raise InputError(_NEEDS_API) from None
    url = f"http://127.0.0.1:{port}/"
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(), host="127.0.0.1", port=port, access_log=False, log_config=log_config(), server_header=False
        )
    )
    if browser:
        import threading
        import webbrowser

        def open_when_started() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.1)
            if server.started:
                webbrowser.open(url)

        threading.Thread(target=open_when_started, name="nastavnik-browser", daemon=True).start()
    typer.echo(f"Страница для координаторов: {url} (остановить — Ctrl+C).")
    server.run()


templates_app = typer.Typer(help="Свои шаблоны: выгрузить встроенные для правки и проверить.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("check")
def templates_check(
    folder: Annotated[
        Path, typer.Argument(help="Папка с шаблонами (.docx, .xlsx, .html) и текстами документов (.yaml).")
    ],
) -> None:
    """Проверить шаблоны: синтаксис Jinja и переменные, которых нет в данных."""
    from .custom_templates import check_templates  # it builds every kit's sample: imported when asked

    reports = check_templates(folder)
    failed = False
    for report in reports:
        typer.echo(f"{report.name}: {'в порядке' if report.ok else 'ошибки'}")
        for problem in report.problems:
            typer.echo(f"  {problem}")
        for warning in report.warnings:
            typer.echo(f"  предупреждение: {warning}")
        failed = failed or not report.ok
    if failed:
        raise typer.Exit(2)


@templates_app.command("export")
def templates_export(
    folder: Annotated[Path, typer.Argument(help="Куда скопировать встроенные шаблоны.")],
    force: Annotated[
        bool, typer.Option("--force", help="Заменить шаблоны с теми же именами, если они уже есть в папке.")
    ] = False,
) -> None:
    """Скопировать встроенные шаблоны и тексты документов (.yaml), чтобы править их и передавать через --templates."""
    from .custom_templates import export_templates

    written = export_templates(folder, force=force)
    typer.echo(f"Скопировано файлов: {len(written)} (шаблоны и тексты документов) в {folder}.")


def _name_lines(names: list[str], file: Path | None) -> list[tuple[int, str]]:
    """Return (line number, text) for every non-empty name given on the command line, in a file or on stdin."""
    if file is not None and names:
        raise InputError("Укажите либо имена, либо файл (--file), но не то и другое сразу.")
    if "-" in names and names != ["-"]:
        raise InputError("«-» (чтение со стандартного ввода) указывается без других имён.")
    if file is not None:
        try:
            texts = file.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise InputError(f"Файл {file} не найден.") from None
        except OSError:
            raise InputError(f"Не удалось прочитать файл {file}.") from None
        except UnicodeDecodeError:
            raise InputError(f"Файл {file} не в кодировке UTF-8.") from None
    elif names == ["-"]:
        texts = sys.stdin.read().splitlines()
    elif names:
        texts = names
    else:
        raise InputError("Укажите имя, файл (--file) или «-» для чтения со стандартного ввода.")
    return [(n, t) for n, t in enumerate(texts, start=1) if t.strip()]


def _show(name: PersonName, initials: bool) -> str:
    return name.initials() if initials else name.full


def main() -> None:
    """Run the command line; library errors become one line on stderr and an exit code.

    A termination signal (the terminal closed, ``kill``) stops the run as Ctrl+C does: the kit
    being made is removed, with its personal data, before the program ends. What the run creates
    is readable by its owner only.
    """
    try:
        with _signals_stop(), _private_files(), warnings.catch_warnings():
            warnings.simplefilter("always", NastavnikDocsWarning)
            warnings.showwarning = _show_warning
            app()
    except NastavnikDocsError as error:
        typer.echo(f"Ошибка: {error}", err=True)
        sys.exit(error.exit_code)
    except Interrupted as stop:
        typer.echo("Прервано.", err=True)
        sys.exit(128 + stop.signal)
    except KeyboardInterrupt:
        typer.echo("Прервано.", err=True)
        sys.exit(130)
    except OSError as error:  # reading or writing outside the sinks' guards: say what, never which file
        typer.echo(f"Ошибка: операция с файлом не удалась: {describe(error)}.", err=True)
        sys.exit(1)
    except RecursionError:
        typer.echo("Ошибка: слишком глубокая вложенность данных.", err=True)
        sys.exit(2)


class Interrupted(BaseException):
    """A termination signal: raised in the main thread so that every ``with`` block cleans up on the way out.

    Not a KeyboardInterrupt: the command-line framework would turn that into its own English «Aborted!».
    """

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.signal = number


@contextmanager
def _signals_stop() -> Iterator[None]:
    """Turn Ctrl+C, SIGTERM and SIGHUP into :class:`Interrupted` inside the block (main thread only).

    Forked workers put the defaults back (:mod:`nastavnik_docs.produce`); the previous handlers
    return after the block, so a program that calls :func:`main` keeps its own.
    """
    import signal
    import threading

    def stop(number: int, frame: object) -> None:
        raise Interrupted(number)

    names = ("SIGINT", "SIGTERM", "SIGHUP")
    numbers = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def _private_files() -> Iterator[None]:
    """Create every file and folder of the run readable by its owner only (kits hold birth dates and addresses)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    typer.echo(f"Предупреждение: {message}", err=True)
