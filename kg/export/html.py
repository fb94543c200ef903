"""Interactive HTML view of a corpus: one self-contained page, built with pyvis.

pyvis's ``Network`` assembles nodes, edges and vis options; the page itself
comes from our own templates (``templates/graph.html``, ``.css``, ``.js``)
because pyvis's templates fetch Bootstrap and vis from CDNs even with
``cdn_resources="in_line"``. vis-network's JS and CSS are read from the copy
pyvis ships and inlined, so the page works from ``file://`` with no network at
all (a Content-Security-Policy in the page forbids any request).

Article text is untrusted. It only reaches the page as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page's script puts it into the DOM with ``textContent``
only. Nodes and edges carry no pyvis ``title`` (vis renders titles as HTML).

>>> from kg.model import Corpus
>>> page = render_html(Corpus())
>>> page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
True
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ViewAssetsError
from ..model import Corpus
from . import EXPORTERS
from .atomic import atomic_write
from .html_evidence import iter_page_json, script_safe
from .html_model import (EDGE_COLOUR, INFERRED_COLOUR, LANGS, NEGATED_COLOUR, TYPE_STYLES,  # noqa: F401
                         default_lang, graph_data, highlight_spans, relation_info, safe_url, vis_options)

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = TEMPLATES / "graph.html"
PAGE_SCRIPTS = ("dom.js", "overview.js", "network.js", "panel.js", "graph.js")


# --------------------------------------------------------------------------- page

# One definition of the escapes, shared with the page encoder of html_evidence.
_script_safe = script_safe


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>``
    can form, because ``<``, ``>`` and ``&`` only appear as ``\\u`` escapes; U+2028
    and U+2029 are escaped too (they end a line in older JavaScript).

    >>> embed_json({"t": "</script><!--\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u2028"}'
    """
    return "".join(iter_embed_json(data))


def iter_embed_json(data: Any) -> Iterator[str]:
    """:func:`embed_json` in pieces, so a large view is never one string in memory.
    Every escaped character is a whole piece's character, so escaping piece by
    piece gives the same text."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    for chunk in encoder.iterencode(data):
        yield _script_safe(chunk)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy inside the installed pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"),
                        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not candidates:
        raise ViewAssetsError(f"vis-network not found under {lib}")
    js_path = candidates[-1]
    try:
        js = js_path.read_text(encoding="utf-8")
        css = (js_path.parent / "vis-network.css").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ViewAssetsError(f"{js_path.parent}: {exc}") from exc
    # No source map: it would point at a file that is not beside the page.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    return _inline_safe(js, "script"), _inline_safe(css, "style")


def _inline_safe(code: str, element: str) -> str:
    """Code that cannot end its own ``<script>``/``<style>`` element early."""
    code = re.sub(rf"</({element})", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--") if element == "script" else code


def _page_parts(data: dict[str, Any]) -> Iterator[str]:
    vis_js, vis_css = _vis_assets()
    values = {
        "VIS_JS": vis_js, "VIS_CSS": vis_css,
        # The others define the helpers graph.js uses: one script, in this order.
        "PAGE_JS": _inline_safe("".join((TEMPLATES / name).read_text(encoding="utf-8")
                                        for name in PAGE_SCRIPTS), "script"),
        "PAGE_CSS": _inline_safe((TEMPLATES / "graph.css").read_text(encoding="utf-8"), "style"),
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    # One pass over the template, so text inserted for one placeholder is never
    # scanned for another; the data goes out piece by piece.
    pos = 0
    for m in re.finditer(r"\{\{ (\w+) \}\}", template):
        yield template[pos:m.start()]
        if m.group(1) == "DATA_JSON":
            # The same text as iter_embed_json(data), encoded edge by edge in C.
            yield from iter_page_json(data)
        else:
            yield values[m.group(1)]
        pos = m.end()
    yield template[pos:]


def render_page(data: dict[str, Any]) -> str:
    """The whole page for a view model made by :func:`graph_data`, as a string."""
    page = "".join(_page_parts(data))
    # A lone surrogate (from text read with surrogateescape) cannot be UTF-8.
    return page.encode("utf-8", "replace").decode("utf-8")


def render_html(corpus: Corpus, *, lang: str | None = None, focus: str | None = None,
                depth: int | None = None) -> str:
    """The whole page for ``corpus`` as a string (see :func:`graph_data`)."""
    return render_page(graph_data(corpus, lang=lang, focus=focus, depth=depth))


def write_page(data: dict[str, Any], path: Path) -> None:
    """Write the page of a view model to ``path``, as UTF-8 whatever the locale,
    in pieces: a view of many thousand articles is hundreds of MB of text."""
    with atomic_write(Path(path), mode="wb") as fh:
        buffered: list[str] = []
        size = 0
        for part in _page_parts(data):
            buffered.append(part)
            size += len(part)
            if size > 1 << 20:
                fh.write("".join(buffered).encode("utf-8", "replace"))
                buffered, size = [], 0
        fh.write("".join(buffered).encode("utf-8", "replace"))


@EXPORTERS.register("html", aliases=("pyvis",))
def write_html(corpus: Corpus, path: Path) -> None:
    """Write the interactive view of ``corpus`` to ``path`` (UTF-8).

    The evidence items come pre-encoded, from the fragment cache for the
    articles that did not change (:mod:`kg.export.html_evidence`)."""
    from .html_evidence import evidence_source

    write_page(graph_data(corpus, evidence=evidence_source(corpus)), path)
