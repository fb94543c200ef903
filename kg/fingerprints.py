"""What each level of the build cache depends on, as one hash per level.

The build cache has three levels, each keyed by its input *and* by the code
and data that turn the input into the entry:

* ``files``: a file's parsed articles (the readers);
* ``extraction``: an article's assertions and person record (the extractor,
  its lexicons in ``kg/resources`` and the ontology);
* ``outputs``: an article's part of each output file (the exporters, their
  templates, the RDF layout and writers in ``kg/rdf``, the pyoxigraph that
  serialises, and the ontology).

:data:`LEVELS` declares each level's *root* modules (a package stands for all
its modules); the code of a level is every kg module reachable from the roots
through ``import`` statements, found by reading the sources (imports inside
functions count; those under ``if TYPE_CHECKING:`` do not run and do not
count). So editing ``kg/readers/text.py`` invalidates parsed files but not
extraction entries, editing ``kg/fetch/pages.py`` invalidates nothing, and a module
that moves into a subpackage keeps being followed wherever it goes: only the
roots below name modules, and a test checks that every module a running
extraction imports is covered.

>>> "kg/readers/text.py" in code_files("files") and "kg/fetch/pages.py" not in code_files("extraction")
True
"""
from __future__ import annotations

import ast
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CACHE_FORMAT = 2        # the layout of cache entries (2: typed JSON, sealed; 1 was pickle)


@dataclass(frozen=True)
class Level:
    roots: tuple[str, ...]                  # modules or packages whose import closure is the code
    data: tuple[str, ...] = ()              # globs under the kg package, hashed as they are
    ontology: bool = False                  # the ontology files (kg.ttl, shapes.ttl)
    environment: tuple[str, ...] = ()       # environment variables the level reads
    packages: tuple[str, ...] = ()          # distributions whose version changes the bytes made


LEVELS: dict[str, Level] = {
    "files": Level(("kg.reader", "kg.readers", "kg.plain"), ("build/cache_records.py",)),
    "extraction": Level(("kg.extract", "kg.build.parallel", "kg.build.people_tracking", "kg.plain"),
                        ("resources/*.json", "resources/profiles/*.json", "build/cache_records.py"), ontology=True,
                        environment=("KG_SPACY_MODEL",)),
    "outputs": Level(("kg.export", "kg.rdf", "kg.plain"), ("export/templates/*",), ontology=True,
                     packages=("pyoxigraph",)),
}


# ------------------------------------------------------------ import graph
def _module_path(name: str, package: Path) -> Path | None:
    """The file of module ``kg.a.b`` (``a/b.py`` or ``a/b/__init__.py``), if it exists."""
    parts = name.split(".")[1:]
    base = package.joinpath(*parts)
    for path in (base.with_suffix(".py") if parts else None, base / "__init__.py"):
        if path is not None and path.is_file():
            return path
    return None


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["kg", *parts])


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(path: Path, package: Path) -> frozenset[str]:
    """Names of the kg modules ``path`` imports (and that may be modules: ``from . import x``)."""
    here = _module_name(path, package)
    pkg = here if path.name == "__init__.py" else here.rpartition(".")[0]
    return _imports_in(path.read_bytes(), pkg)


@lru_cache(maxsize=1024)
def _imports_in(source: bytes, pkg: str) -> frozenset[str]:
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(source)]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name == "kg" or a.name.startswith("kg."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(pkg.split(".")[:len(pkg.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            if base == "kg" or base.startswith("kg."):
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return frozenset(found)


def _with_parents(name: str) -> list[str]:
    """A module and the packages above it: importing ``kg.a.b`` runs ``kg/a/__init__.py`` too."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _expand_root(name: str, package: Path) -> list[Path]:
    path = _module_path(name, package)
    if path is None:
        raise ValueError(f"cache level root {name} is not a module of kg")
    if path.name == "__init__.py":          # a package: all its modules
        return sorted(path.parent.rglob("*.py"))
    return [path]


def _closure(roots: tuple[str, ...], package: Path) -> tuple[Path, ...]:
    todo = [p for root in roots for p in _expand_root(root, package)]
    # importing a root runs the packages above it too
    todo += [p for root in roots for m in _with_parents(root)[:-1] if (p := _module_path(m, package)) is not None]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imported(path, package):
            for module in _with_parents(name):
                found = _module_path(module, package)
                if found is not None and found not in seen:
                    todo.append(found)
    return tuple(sorted(seen))


def code_files(level: str, package: Path = PACKAGE) -> list[str]:
    """The kg modules a level depends on, as paths like ``kg/readers/text.py``."""
    return [f"kg/{p.relative_to(package).as_posix()}" for p in _closure(LEVELS[level].roots, package)]


# ------------------------------------------------------------------ hashes
def _ontology_files() -> list[Path]:
    from .rdf.ontology import ontology_dir

    try:
        return sorted(Path(ontology_dir()).glob("*.ttl"))
    except OSError:
        return []


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


def level_fingerprint(level: str, package: Path = PACKAGE) -> str:
    """Hash of the code, data and settings a cache level depends on."""
    spec = LEVELS[level]
    h = hashlib.sha256(f"{CACHE_FORMAT}|{level}".encode())
    for name in spec.environment:
        h.update(f"|{name}={os.environ.get(name, '')}".encode())
    for name in spec.packages:
        h.update(f"|{name}=={_version(name)}".encode())
    paths = [*_closure(spec.roots, package), *(p for g in spec.data for p in sorted(package.glob(g)))]
    if spec.ontology:
        paths += _ontology_files()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:                     # unreadable: the key just does not cover it
            data = b""
        h.update(f"\0{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=None)
def fingerprint(level: str) -> str:
    """:func:`level_fingerprint` of kg as installed, computed once per process."""
    return level_fingerprint(level)


__all__ = ["CACHE_FORMAT", "LEVELS", "Level", "code_files", "fingerprint", "level_fingerprint"]
