"""Write docs/data.md: every field of the data file, from the models' JSON Schema.

python tools/data_reference.py          # rewrite docs/data.md
python tools/data_reference.py --check  # exit 1 if docs/data.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from nastavnik_docs.models import SCHEMAS

TARGET = Path(__file__).resolve().parents[1] / "docs" / "data.md"
HEAD = """# The data file

A kit is built from one YAML (or JSON) file. `samples/school.yaml` is a complete example; every
field is listed below (generated from the models by `python tools/data_reference.py`;
`nastavnik-docs schema NAME` prints the same as JSON Schema). Problems in a data file are
reported all at once, each with its path, e.g. `team[2].name: ожидается «Фамилия Имя Отчество»`,
and never with the value itself.

**What any data file must hold**, whatever its fields:

* the file is UTF-8; a key is not repeated within one mapping (YAML) or object (JSON) — the
  second would silently replace the first — `school.yaml, строка 12: ключ «name» повторяется в
  одном разделе`; no number is longer than 50 characters; `NaN` and `Infinity` are not numbers;
  a date written `2020-02-30` is refused with its line; nesting deeper than Python can read is
  `слишком глубокая вложенность`;
* every date lies between 01.01.1900 and 31.12.2100 (`дата вне допустимого диапазона
  (01.01.1900 – 31.12.2100): проверьте год`): a year typed 2206 for 2026 is caught, and no
  deadline counted from a date can leave the calendar;
* text may hold tabs and line breaks; other control characters are dropped; U+FFFE, U+FFFF and
  halves of UTF-16 surrogate pairs, which Word cannot open, are refused with the field's path;
* a link (`website.url`, `website.documents_url`, `organisation.website`, the `url` of an
  information resource) is `https://…`, `http://…` or a path on the site (`/upload/docs`),
  without spaces: `javascript:`, `data:` and any other scheme are refused;
* a pair of the teachers' data file ends after it starts and lasts at most 3 years, as the pairs
  of the register ([register.md](register.md#dates-that-must-fit-together)).

**The Excel questionnaire.** The same data may be a workbook instead: `nastavnik-docs datafile
template school|municipality|teachers -o school.xlsx` writes it blank, and every command that
takes a data file takes the filled workbook (`samples/school.xlsx`, `samples/municipality.xlsx`
and `samples/teachers.xlsx` hold the YAML samples and give the same kits). It is made from the
models below, so it has every field:

* the sheet «Анкета» has one row per single value — a label (with «*» when required), the value
  in a yellow cell, the field's description — and a heading row per section (`organisation`,
  its `director`, `orders`, `programme`, `monitoring`…); a section marked «необязательный
  раздел» may be left empty as a whole; names of a municipality in the cases are a row per case;
* every list has a sheet of its own with a row per item (row 2: headers, row 3: explanations,
  values from row 4): the team, the forms of mentorship, the news, the events, the premises,
  equipment and information resources, the partners (name and what they give), the indicators,
  the corrected forms, the municipal staff and organisations; a section inside an item has a
  column per field («Руководитель: ФИО»); a list inside an item is one cell, «curator; director»,
  and the values by year one cell, «2026: 10; 2027: 25»;
* a list inside the items of a list continues on the following rows: the mentees of a pair of
  teachers («Пары и группы»: the mentor and dates in the pair's first row, a mentee per row), the
  measures of a roadmap section («Своя дорожная карта»: the section's title in its first row, a
  measure per row, the deadline in one of its columns «до», «дата», «с»/«по», «месяц»…), the
  indicators of a participant;
* drop-down lists for every value from a fixed list (forms of mentorship by their titles, kinds
  and levels of events, roles, cases, gender), date checks on date cells, bounds on years and
  counts. Problems name the sheet, the row and the field:
  `Мероприятия, строка 6, «Вид»: выберите значение из списка (конкурс, круглый стол, …)`.

**Corrected forms.** Every data file may end with `declensions:`, a list of forms to print in
place of the program's: a phrase of the kit as the data writes it (a person's «Фамилия Имя
Отчество», a position, an organisation, a place), a case (English or Russian name, not the
nominative) and the form. Every document of the kit then prints that form wherever it puts the
phrase in that case, initials included. `nastavnik-docs proof DATA [REGISTER] -o proof.xlsx`
lists every form a kit prints, and `nastavnik-docs kit … --corrections proof.xlsx` takes the
forms corrected in that sheet. A correction that matches no phrase of the kit stops the build
with its place (`declensions[1]`, `proof.xlsx, строка 7`), never silently ignored.

```yaml
declensions:
  - phrase: Черных Любовь Павловна
    case: винительный
    form: ЧЕРНЫХ Любовь Павловну
  - phrase: заместитель директора по учебно-воспитательной работе
    case: dative
    form: заместителю директора по УВР
```

**Stages 7 and 8.** `best_practices:` tells the story of a pair the register marks as a best
practice (its title, the problem, what was done, the reviews of the mentor and the mentee) for its
case; a pair without a story gets a case from the register and its individual plan.
`correction:` steers next year's roadmap and plan (`nastavnik-docs kit stage-8`): its `date`
(15 January after the monitoring year by default) and `progress`, the rows of this year's roadmap
or plan, by the numbers the stage-2 documents print, that were done (`done`: dropped even if
their deadline is still to come) or not done (`not_done`: carried over, their dates moved by
whole years past the date). Every other row is done when its deadline passed before the date,
continuing when the deadline is in words, and carried over otherwise:

```yaml
correction:
  date: 2027-01-15
  progress:
    roadmap: {done: [42], not_done: [15, 18]}
    plan: {not_done: [17]}
```
"""


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """Return the type of a property in words, a link for a model of its own."""
    if "$ref" in prop:
        return f"[{prop['$ref'].split('/')[-1]}](#{prop['$ref'].split('/')[-1].lower()})"
    if "anyOf" in prop:
        kinds = [_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(kinds) + (" (optional)" if any(p.get("type") == "null" for p in prop["anyOf"]) else "")
    if prop.get("type") == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if "enum" in prop:
        return " / ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("format") == "date":
        return "date"
    return prop.get("type", "any")


def _table(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Return the Markdown lines of one model: a heading, its description and a table of its fields."""
    lines = [f"### {name}", ""]
    if schema.get("description"):
        lines += [schema["description"].strip(), ""]
    if "properties" not in schema:
        return lines
    required = set(schema.get("required", []))
    lines += ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    for field, prop in schema["properties"].items():
        description = prop.get("description", "").replace("|", "\\|")
        lines.append(f"| `{field}` | {_type(prop, defs)} | {'yes' if field in required else 'no'} | {description} |")
    return [*lines, ""]


def render() -> str:
    """Return the text of docs/data.md."""
    lines = [HEAD]
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        defs = schema.get("$defs", {})
        lines += [f"## `{name}`", ""]
        lines += _table(schema.get("title", name), schema, defs)
        for def_name, sub in defs.items():
            lines += _table(def_name, sub, defs)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/data.md, or with ``--check`` return 1 if it is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/data.md is out of date: run python tools/data_reference.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
