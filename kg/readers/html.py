"""Saved news pages: main text and metadata through trafilatura.

kg does not remove HTML boilerplate itself: trafilatura, a maintained library
built and evaluated for news pages, drops scripts, navigation, related-news
boxes and comments and reads the title, author, publication date and canonical
URL from the page's metadata (``<meta>``, JSON-LD, ``<time>``). Its output is
then analysed like any scraped text (:func:`kg.readers.text.parse_article`),
which takes out the datelines, agency tags and photo credits that live inside
paragraphs.

An HTML article's ``text`` is its title, a blank line and the extracted
paragraphs, one per line; offsets index into that text.

>>> page = ("<html><head><title>Laos and Japan sign a health pact | Site</title></head><body>"
...         "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Laos and Japan sign a health pact</h1>"
...         "<p>Laos and Japan signed an agreement on health cooperation in Vientiane on Monday.</p>"
...         "<p>Japan will provide vaccines and medical equipment to Laos next year.</p></article></body></html>")
>>> a = html_article(page, doc="p")
>>> a.title, article_text(a).splitlines()[0]
('Laos and Japan sign a health pact', 'Laos and Japan signed an agreement on health cooperation in Vientiane on Monday.')
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from kg.errors import MissingExtraError
from kg.model import Article

from .datelines import iso_date
from .text import article_text, parse_article

__all__ = ["PageInfo", "extract_page", "html_article", "looks_like_html", "page_url"]

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)


@dataclass
class PageInfo:
    """What trafilatura found in a page."""

    title: str | None = None
    text: str = ""               # main text, one paragraph per line
    date: str | None = None      # ISO date of publication
    author: str | None = None
    url: str | None = None       # canonical URL declared by the page


def looks_like_html(text: str) -> bool:
    """True for a whole HTML document (used for corpus cells that hold raw HTML)."""
    return bool(_HTML_START.match(text[:2048]))


def _trafilatura():  # noqa: ANN202 - the module is imported lazily on purpose
    try:
        import trafilatura
    except ImportError as exc:   # also lxml_html_clean missing under justext
        raise MissingExtraError(
            f"reading HTML needs trafilatura ({exc}). Install it with: pip install trafilatura lxml_html_clean"
        ) from exc
    # trafilatura logs discarded elements at WARNING; kg reports its own W053.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura


def extract_page(html: str, *, url: str | None = None, text: bool = True) -> PageInfo:
    """Main text (if ``text``) and metadata of one HTML page; works offline.

    Comments, images, links and navigation are left out; tables are kept as
    text because news tables (doses by country, trade figures) carry facts.
    """
    traf = _trafilatura()
    if text:
        doc = traf.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                   include_images=False, include_links=False, include_tables=True,
                                   include_formatting=False, deduplicate=False)
    else:
        doc = traf.extract_metadata(html, default_url=url)
    if doc is None:
        return PageInfo()
    body = (getattr(doc, "text", None) or "") if text else ""
    return PageInfo(title=_clean(doc.title), text=body, date=iso_date(doc.date),
                    author=_clean(doc.author), url=_clean(doc.url))


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if isinstance(value, str) else None
    return value or None


def html_article(html: str, *, doc: str, path: str = "", url: str | None = None) -> Article | None:
    """An :class:`Article` of a page's main text, or ``None`` when the page has none.

    The article's URL (and so its id) is the canonical URL the page declares,
    so that a page fetched by ``kg fetch`` and the same page saved from a
    browser are one article; else ``url``, where the page was fetched from;
    else a URL line found in the text. See :func:`page_url`.
    """
    info = extract_page(html, url=url)
    lines = [ln.strip() for ln in info.text.splitlines() if ln.strip()]
    if info.title and lines and _same(lines[0], info.title):
        lines = lines[1:]          # the <h1> repeated at the top of the main text
    if not lines:
        return None
    text = "\n".join(lines)
    if info.title:
        text = f"{info.title}\n\n{text}"
    article = parse_article(text, doc=doc, path=path, title_first=bool(info.title))
    if not article.body:
        return None
    article.url = page_url(info.url, fetched=url) or article.url
    article.date = info.date or article.date
    article.author = info.author
    article.format = "html"
    return article


def page_url(canonical: str | None, *, fetched: str | None = None) -> str | None:
    """The one URL of a page: the canonical URL it declares, when that can be one
    article's (absolute http(s), not a site's home page, which careless sites
    declare on every page), else the URL it was fetched from.

    >>> page_url("https://news.example/a-1.html", fetched="https://news.example/a-1.html?utm_source=x")
    'https://news.example/a-1.html'
    >>> page_url("https://news.example/", fetched="https://news.example/a-1.html")
    'https://news.example/a-1.html'
    >>> page_url("/a-1.html", fetched="https://m.news.example/x"), page_url(None)
    ('https://m.news.example/a-1.html', None)
    """
    from urllib.parse import urljoin, urlsplit

    if canonical and fetched:
        canonical = urljoin(fetched, canonical)        # a relative canonical link
    if canonical:
        parts = urlsplit(canonical)
        if parts.scheme in ("http", "https") and parts.netloc and parts.path.strip("/"):
            return canonical
    return fetched or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()

