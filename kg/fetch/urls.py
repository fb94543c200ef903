"""What identifies a fetched page: the URL key and the file name it is saved under."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit


def normalise_url(url: str) -> str:
    """The cache key of a URL: no fragment, lower-case scheme and host, no default port."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme.lower(), parts.port) not in (("http", 80), ("https", 443)):
        host += f":{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def file_stem(url: str) -> str:
    """A readable, unique file name for a URL: host, last path segment and a hash of the key."""
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "index")
    segment = re.sub(r"\.(html?|php|aspx?|jsp|shtml|vgp|ldo|tpo)$", "", segment, flags=re.I)
    ascii_ = unicodedata.normalize("NFKD", segment).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()[:60] or "page"
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", (parts.hostname or "host").lower())
    return f"{host}_{slug}-{hashlib.sha256(normalise_url(url).encode()).hexdigest()[:12]}"


