"""Incremental == full, as a property: over random small corpora and random edit sequences
(add, change, delete, reorder), every output of a cached rebuild equals a --no-cache build,
byte for byte, after every step.

Articles are recombined from the seeds' Vietnamese sentences with other people and
countries put in, so that articles share people whose state (country, positions,
titles) one article gives and a later one reads: the state a replayed article must
restore exactly. Derandomized and bounded: the same examples every run.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.build import people_tracking  # noqa: E402
from kg.export import DEFAULT_OUTPUTS  # noqa: E402
from kg.build.pipeline import build  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")
ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["Nga", "Cuba", "Nhật Bản", "Lào", "Canada"]
PEOPLE = ["Bùi Thanh Sơn", "Sergey Lavrov", "Phạm Minh Chính", "Manuel Marrero Cruz", "Đặng Thu Hà"]
SWAPS = ("Sergei Lavrov", "Sergey Lavrov", "Bùi Thanh Sơn", "Manuel Marrero Cruz")


def _pool() -> list[str]:
    """Body sentences of the Vietnamese seeds that name a person or a title (40 to 260 characters)."""
    pool: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt"))[:4]:
        for line in path.read_text(encoding="utf-8").splitlines()[2:]:
            if "Tin Liên Quan" in line:
                break
            for s in re.split(r"(?<=[.!?])\s+", re.sub(r"([.!?])(?=[A-ZÀ-ỸĐ])", r"\1 ", line)):
                if 40 <= len(s) <= 260 and any(w in s for w in ("Thủ tướng", "Bộ trưởng", *SWAPS)):
                    pool.append(s.strip())
    return sorted(set(pool))


POOL = _pool()

articles = st.builds(
    lambda picks, who, where: (picks, who, where),
    st.lists(st.integers(0, max(len(POOL) - 1, 0)), min_size=1, max_size=4),
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    st.sampled_from(COUNTRIES))
edits = st.one_of(
    st.tuples(st.just("add"), articles),
    st.tuples(st.just("change"), st.integers(0, 9), articles),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("reorder"), st.integers(0, 9)))


def _text(article, n: int) -> str:
    picks, (p, q), country = article
    body = " ".join(POOL[i] for i in picks)
    for old, new in (("Nga", country), ("Sergei Lavrov", q), ("Sergey Lavrov", q), ("Bùi Thanh Sơn", p),
                     ("Manuel Marrero Cruz", q)):
        body = body.replace(old, new)
    return f"Việt Nam và {country} tăng cường hợp tác ({n})\n{body}\n"


class _Recording(people_tracking.TrackedExtractor):
    """The extractor of a build, kept so that its corpus-wide state can be compared."""

    last: _Recording | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _Recording.last = self


def _state(result) -> tuple:
    """What the build's extractor ended with: every person (all fields) and other entities."""
    ex = _Recording.last
    assert ex is not None
    return dict(ex.people.people), ex.extra, result.corpus.entities


class Corpus:
    """The input folder: files whose sorted names give the corpus order."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.names, self.serial = folder, [], 0
        folder.mkdir()

    def add(self, article) -> None:
        name = f"{len(self.names) + 10:02d}_{self.serial:03d}.txt"
        self.serial += 1
        (self.folder / name).write_text(_text(article, self.serial), encoding="utf-8")
        self.names.append(name)

    def apply(self, edit) -> None:
        kind = edit[0]
        if kind == "add" or not self.names or (kind == "delete" and len(self.names) == 1):
            self.add(edit[-1] if kind in ("add", "change") else ([0], (PEOPLE[0], PEOPLE[1]), "Lào"))
            return
        at = edit[1] % len(self.names)
        path = self.folder / self.names[at]
        if kind == "change":
            self.serial += 1
            path.write_text(_text(edit[2], self.serial), encoding="utf-8")
        elif kind == "delete":
            path.unlink()
            del self.names[at]
        else:           # reorder: move the file first in the corpus order (a new name sorts first)
            self.serial += 1
            name = f"00_{self.serial:03d}.txt"
            path.rename(self.folder / name)
            del self.names[at]
            self.names.insert(0, name)


# No shrinking: a failure is reported as found, so even a failing run stays short.
@settings(max_examples=8, derandomize=True, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(articles, min_size=2, max_size=4), st.lists(edits, min_size=1, max_size=3))
def test_every_rebuild_equals_a_full_build(tmp_path_factory, start, steps):
    if not POOL:
        pytest.skip("no seed sentences")
    work = tmp_path_factory.mktemp("prop")
    corpus = Corpus(work / "in")
    for article in start:
        corpus.add(article)
    out = work / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(people_tracking, "TrackedExtractor", _Recording)
        build([corpus.folder], out)
        for n, edit in enumerate(steps):
            corpus.apply(edit)
            rebuilt = _state(build([corpus.folder], out))
            fresh = work / f"fresh{n}"
            # The state the next article would read is the same too, not only the outputs.
            assert rebuilt == _state(build([corpus.folder], fresh, cache=False)), edit
            for name in DEFAULT_OUTPUTS:
                assert (out / name).read_bytes() == (fresh / name).read_bytes(), (name, edit)
            shutil.rmtree(fresh)
