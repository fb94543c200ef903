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


class WorkersError(KGError):
    code = "E040"
    template = "--workers must be 1 or more, not {detail}."


class BackendConflictError(KGError):
    code = "E041"
    template = "give --workers or --dask, not both: {detail}"


class DaskMissingError(KGError):
    code = "E042"
    template = "--dask needs Dask's distributed scheduler ({detail}). Install it: pip install 'kg[dask]'"


class DaskConnectError(KGError):
    code = "E043"
    template = ("cannot use the Dask scheduler at {detail}. Check the address (tcp://host:8786) "
                "or scheduler file, that the scheduler runs and that it has workers.")


class DaskWorkerError(KGError):
    code = "E044"
    template = "Dask workers cannot run this kg: {detail}. Install the same kg version on every worker."


class WorkerCrashError(KGError):
    code = "E045"
    template = ("a worker process died ({detail}). It may have run out of memory: try fewer --workers, "
                "or --workers 1 to see the error. A script that asks for workers must call kg under "
                "'if __name__ == \"__main__\":'.")


class ArticleExtractionError(KGError):
    code = "E046"
    template = "cannot extract {detail}. Please report it with this file."


class InputWarning(UserWarning):
    """A file was skipped (empty, binary, unreadable); the run goes on. Code W001."""

    code = "W001"


class CacheEntryWarning(UserWarning):
    """A build-cache entry could not be read; the article is extracted again. Code W040."""

    code = "W040"


class CacheUnavailableWarning(UserWarning):
    """The build cache cannot be opened or written; the build goes on without it. Code W041."""

    code = "W041"
