"""kg: knowledge graphs with sentence-level provenance from Vietnamese and English news.

Heavy libraries (underthesea, spaCy, pyvis, pyoxigraph) are imported lazily, so
``import kg`` and ``kg --help`` stay fast.
"""
__version__ = "0.1.0"
EXTRACTOR = f"kg-extractor/{__version__}"
