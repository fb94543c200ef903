"""Cache fingerprints: each level is keyed by the code it imports and the data it reads, no more."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.fingerprints import LEVELS, code_files, level_fingerprint

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("pkg") / "kg"
    shutil.copytree(ROOT / "kg", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture()
def package(pristine) -> Path:
    """A copy of the kg package to edit; each test's edits are undone after it."""
    before = {p: p.read_bytes() for p in pristine.rglob("*") if p.is_file()}
    yield pristine
    for p in pristine.rglob("*"):
        if p.is_file() and p not in before:
            p.unlink()
    for p, data in before.items():
        if p.read_bytes() != data:
            p.write_bytes(data)


def _prints(package: Path) -> dict[str, str]:
    return {level: level_fingerprint(level, package) for level in LEVELS}


@pytest.mark.parametrize("edited, invalidated", [
    ("readers/text.py", {"files"}),
    ("readers/__init__.py", {"files"}),
    ("fetch/pages.py", set()),
    ("cli/commands.py", set()),
    ("extract/relations.py", {"extraction"}),
    ("extract/coref.py", {"extraction"}),
    ("rdf/layout.py", {"outputs"}),
    ("rdf/formats.py", {"outputs"}),
    ("posts.py", {"outputs"}),
    ("rdf/ontology.py", {"extraction", "outputs"}),
    ("build/people_tracking.py", {"extraction"}),
    ("resources/triggers.json", {"extraction"}),
    ("export/jsonl.py", {"outputs"}),
    ("export/templates/graph.js", {"outputs"}),
    ("build/cache_records.py", {"files", "extraction"}),
    ("plain.py", {"files", "extraction", "outputs"}),
])
def test_an_edit_invalidates_the_levels_that_depend_on_it(package, edited, invalidated):
    path = package / edited
    if not path.exists():
        pytest.skip(f"{edited} is not in this layout")
    before = _prints(package)
    path.write_bytes(path.read_bytes() + b"\n")
    after = _prints(package)
    assert {level for level in LEVELS if before[level] != after[level]} == invalidated


def test_a_new_module_imported_inside_a_function_is_followed(package):
    (package / "extract" / "helper_x.py").write_text("VALUE = 1\n")
    with open(package / "extract" / "coref.py", "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _late():\n    from .helper_x import VALUE\n    return VALUE\n")
    assert "kg/extract/helper_x.py" in code_files("extraction", package)
    assert "kg/extract/helper_x.py" not in code_files("files", package)


def test_imports_for_type_checking_only_are_not_followed(package):
    with open(package / "build" / "people_tracking.py", "a", encoding="utf-8") as fh:
        fh.write("\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..fetch import fetch_urls\n")
    assert "kg/fetch/pages.py" not in code_files("extraction", package)


EXTRACT = """
import json, sys
from kg.model import Article
from kg.build.parallel import local_stages
from kg.build.people_tracking import TrackedExtractor

texts = {"vi": "Bộ trưởng Ngoại giao Nga Sergey Lavrov hội đàm với Bộ trưởng Bùi Thanh Sơn ngày 2/3/2021. "
               "Nhật Bản tặng Lào 1 triệu liều vắc xin. Hai bên nhất trí tăng cường hợp tác.",
         "en": "Japan donated one million vaccine doses to Laos on 2 March 2021. Foreign Minister "
               "Sergey Lavrov met Bui Thanh Son. He thanked Vietnam."}
ex = TrackedExtractor()
for lang, text in texts.items():
    article = Article(lang, text, lang=lang, body=[(0, len(text))])
    local_stages(article, ex)
    ex.people.begin_article()
    ex.extract(article)
    ex.people.end_article()
print(json.dumps(sorted(m.__file__ for n, m in list(sys.modules.items())
                        if (n == "kg" or n.startswith("kg.")) and getattr(m, "__file__", None))))
"""


def test_every_module_a_running_extraction_imports_is_in_its_fingerprint():
    # Run in a fresh interpreter, so that only what extraction itself imports is loaded.
    done = subprocess.run([sys.executable, "-c", EXTRACT], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 0, done.stderr
    loaded = {"kg/" + Path(f).resolve().relative_to(ROOT / "kg").as_posix() for f in json.loads(done.stdout)}
    assert "kg/extract/relations.py" in loaded              # the extraction really ran
    assert loaded - set(code_files("extraction")) == set()
