"""Numbered, documented errors and warnings.

Every error the library raises on purpose is a :class:`KGError` with a stable
code, so users can look it up in the README and the CLI can turn it into a clean
exit without a traceback.

>>> str(NoArticlesError("seeds/"))
'E001: no articles found in seeds/. Give text files or folders that contain them.'
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of kg's own errors. ``code`` is stable across versions."""

    code = "E000"
    template = "{detail}"

    def __init__(self, detail: str = "", **kwargs: object) -> None:
        self.detail = detail
        self.kwargs = kwargs
        super().__init__(f"{self.code}: " + self.template.format(detail=detail, **kwargs))


class NoArticlesError(KGError):
    code = "E001"
    template = "no articles found in {detail}. Give text files or folders that contain them."


class InputNotFoundError(KGError):
    code = "E002"
    template = "input not found: {detail}"


class UnknownRelationError(KGError):
    code = "E003"
    template = "unknown relation {detail!r}: the ontology (ontology/kg.ttl) does not define it."


class UnknownTermError(KGError, AttributeError):
    code = "E004"
    template = "unknown ontology term {detail!r}."


class OntologyError(KGError):
    code = "E005"
    template = "cannot read the ontology: {detail}"


class UnknownPluginError(KGError):
    code = "E006"
    template = "{detail}"


class OutputError(KGError):
    code = "E007"
    template = "cannot write output: {detail}"


class GraphReadError(KGError):
    code = "E008"
    template = "cannot read graph {detail}"


class ResourceError(KGError):
    code = "E009"
    template = "bad lexicon resource: {detail}"


class EvaluationInputError(KGError):
    code = "E010"
    template = "{detail}"


class InputWarning(UserWarning):
    """A file was skipped (empty, binary, unreadable); the run goes on. Code W001."""

    code = "W001"


# --------------------------------------------------------------------------- the HTML view (E030–E039, W030–W039)

class FocusNotFoundError(KGError):
    """``kg viz --focus NAME``: no entity of the graph has that name or alias."""

    code = "E030"
    template = "no entity named {detail!r} in {graph}.{hint}"


class AmbiguousFocusError(KGError):
    """``kg viz --focus NAME``: the name fits several entities equally well."""

    code = "E031"
    template = "{detail!r} names several entities in {graph}: {candidates}. Give one of these ids or a longer name."


class ViewOptionError(KGError):
    """A bad option of the view (negative depth, unknown label language)."""

    code = "E032"
    template = "{detail}"


class ViewAssetsError(KGError):
    """vis-network, which the page inlines, is missing from the installed pyvis."""

    code = "E033"
    template = "cannot build the HTML view: {detail}. Reinstall pyvis (pip install --force-reinstall pyvis)."


class EmptyViewWarning(UserWarning):
    """The graph holds no kg assertion, so the view shows no relation. Code W030."""

    code = "W030"


class LargeViewWarning(UserWarning):
    """The view is large enough to be slow in a browser. Code W031."""

    code = "W031"
