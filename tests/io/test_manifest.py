"""The kit's manifest (io/manifest.py): the JSON json.dumps(indent=1) writes, its list of files written entry by entry."""

import hashlib
import json
from importlib.metadata import version

import pytest

from nastavnik_docs.io.manifest import manifest_bytes

NAMES = [f"06 Согласия/Фамилия_{i:03d}.docx" for i in range(50)] + ['a"b\\c\u2028\x01.docx', "«Ёлка»/x y.html"]


@pytest.mark.parametrize(("names", "kits"), [(NAMES, ["stage-4", "teachers"]), ([], []), (NAMES[:1], ["stage-1"])])
def test_the_manifest_is_the_json_of_its_files(tmp_path, names, kits):
    documents = dict.fromkeys(names, "consent-pd") | {NAMES[-1]: 'q"\\'}
    digests = {name: (1000 + index, hashlib.sha256(name.encode()).hexdigest()) for index, name in enumerate(names)}
    unknown = tmp_path / "read.docx"  # a file without a digest is read from the folder
    unknown.write_bytes(b"PK data")
    made = manifest_bytes(tmp_path, [*names, *names[:3], "read.docx"], documents, kits, digests)
    files = [
        {"name": name, "document": documents.get(name, ""), "size": size, "sha256": sha256}
        for name, (size, sha256) in sorted(
            {**digests, "read.docx": (7, hashlib.sha256(b"PK data").hexdigest())}.items()
        )
    ]
    body = {
        "format": 1,
        "generator": f"nastavnik-docs {version('nastavnik-docs')}",
        "kits": sorted(kits),
        "files": files,
    }
    assert made == (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert json.loads(made)["files"] == files
