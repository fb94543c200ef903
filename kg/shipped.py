"""Where the files kg ships besides its code live: the ontology and the queries.

Their one home is the top-level ``ontology/`` and ``queries/`` folders of the
repository. A wheel carries them as the package data ``kg/_ontology`` and
``kg/_queries`` (setup.py maps the folders there); a checkout or an editable
install reads the folders themselves.

>>> (shipped_dir("ontology") / "kg.ttl").is_file()
True
>>> sorted(p.stem for p in shipped_dir("queries").glob("*.rq"))[:2]
['agreements-and-plans', 'articles']
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=4)
def shipped_dir(name: str) -> Path:
    """Folder of the shipped ``ontology`` or ``queries``: the package data of an
    installed wheel, else the repository's top-level folder."""
    from importlib.resources import files

    packaged = Path(str(files("kg") / f"_{name}"))
    return packaged if packaged.is_dir() else _CHECKOUT / name
