"""``kg fetch``: download pages politely into a folder (:mod:`kg.fetch.pages`),
each beside its metadata (:mod:`kg.fetch.store`)."""
from .pages import FetchReport, FetchResult, USER_AGENT, fetch_pages, normalise_url, read_url_list

__all__ = ["fetch_pages", "read_url_list", "normalise_url", "FetchReport", "FetchResult", "USER_AGENT"]
