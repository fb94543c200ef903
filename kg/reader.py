"""Read inputs into :class:`~kg.model.Article` objects: the pipeline's entry point.

The readers live in :mod:`kg.readers` (plain text, HTML pages, corpus files,
encoding detection); this module keeps the names the rest of kg imports.

Nothing is deleted from the text: boilerplate (URL and date lines, bylines,
photo credits, related-news lists, share bars, agency tags) is recorded in
``Article.dropped`` and kept out of ``Article.body``, so every later offset
still points into the file's own (NFC) text.

>>> a = parse_article("https://x.vn/a.html\\nHai nước ký thỏa thuận hợp tác\\n"
...                   "Cập nhật: 08:30 22/07/2021\\n(TTXVN) - Việt Nam và Lào đã ký kết.\\nMinh Anh", doc="a")
>>> a.url, a.title, a.date, a.lang
('https://x.vn/a.html', 'Hai nước ký thỏa thuận hợp tác', '2021-07-22', 'vi')
>>> article_text(a)
'Việt Nam và Lào đã ký kết.'
>>> [r for _, _, r in a.dropped]
['url', 'date', 'agency-tag', 'byline']
"""
from __future__ import annotations

from kg.readers import (article_text, content_id, find_date, iso_date, iter_input_files, parse_article,
                        read_articles, read_options, url_date)

__all__ = ["iter_input_files", "read_articles", "read_options", "parse_article", "article_text",
           "find_date", "url_date", "iso_date", "content_id"]
