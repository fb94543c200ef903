"""Numbered, documented errors and warnings.

Every error the library raises on purpose is a :class:`KGError` with a stable
code, so users can look it up in docs/troubleshooting.md and the CLI can turn it into a clean
exit without a traceback.

>>> str(NoArticlesError("seeds/"))
'E001: no articles found in seeds/. Give text files or folders that contain them.'
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of kg's own errors. ``code`` is stable across versions."""

    code = "E000"
    template = "{detail}"
    exit_code = 1
    """The CLI's exit code for it: 2 when the error can only come from a bad option value."""

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
    """A name that no registered exporter or reader answers to (``kg build -f foo``)."""

    code = "E006"
    exit_code = 2
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


# --------------------------------------------------------------------------- inputs: HTML, corpora, fetch

class MissingExtraError(KGError):
    """An optional library needed for one input format is not installed."""

    code = "E050"
    template = "{detail}"


class URLListError(KGError):
    """No URL to fetch, or a file of URLs that cannot be read."""

    code = "E051"
    template = "{detail}"


class NothingFetchedError(KGError):
    """Every URL given to ``kg fetch`` failed (each failure was reported as W055/W056/W057)."""

    code = "E052"
    template = "none of the {detail} could be fetched; the warnings above name each URL and why."


class EncodingGuessWarning(InputWarning):
    """Bytes were not UTF-8; the codec was detected (cp1258, cp1252, UTF-16 without BOM...). Code W050."""

    code = "W050"


class CorpusRowWarning(InputWarning):
    """One row of a corpus file was skipped (bad JSON, no text). Code W051."""

    code = "W051"


class CorpusFileWarning(InputWarning):
    """A corpus file was skipped: no text column, unreadable, or not a table. Code W052."""

    code = "W052"


class NoMainTextWarning(InputWarning):
    """An HTML page had no article text that could be extracted. Code W053."""

    code = "W053"


class DuplicateArticleWarning(InputWarning):
    """The same article id was read twice: an identical copy is skipped, a different one renamed. Code W054."""

    code = "W054"


class FetchWarning(UserWarning):
    """A URL could not be downloaded (network error, HTTP status, timeout, content type). Code W055."""

    code = "W055"


class RobotsWarning(FetchWarning):
    """robots.txt forbids kg to fetch a URL (or could not be read); the URL was skipped. Code W056."""

    code = "W056"


class BadURLWarning(FetchWarning):
    """A line of a URL list is not an http(s) URL; it was skipped. Code W057."""

    code = "W057"


class LargeInputWarning(InputWarning):
    """A one-article file (or a corpus row) is larger than ``KG_MAX_FILE_MB``; it was skipped. Code W058."""

    code = "W058"


class ControlCharWarning(InputWarning):
    """A text held a few control characters (NUL, ESC...); they were read as spaces. Code W059."""

    code = "W059"


class DamagedTextWarning(InputWarning):
    """A UTF-8 text held a few invalid bytes; they were read as U+FFFD and the article kept. Code W090."""

    code = "W090"


class SkippedInputWarning(InputWarning):
    """An input was left out: not a regular file (FIFO, device), hidden, or an output of kg itself. Code W091."""

    code = "W091"


class OutputsRepairedWarning(UserWarning):
    """A build found the outputs of an earlier one half moved into place (it was killed) and completed the move.
    Code W092."""

    code = "W092"
# --------------------------------------------------------------- triple store
# E020–E029 and W020–W029: loading, querying and serving (kg.store).

class StoreLockedError(KGError):
    code = "E020"
    template = "the store {detail}"


class StoreNotFoundError(KGError):
    code = "E021"
    template = "no triple store at {detail}. Load a graph first: kg load graphs/graph.trig --store {detail}"


class EndpointUnavailableError(KGError):
    code = "E022"
    template = "{detail}"


class EndpointRefusedError(KGError):
    code = "E023"
    template = "{detail}"


class QueryError(KGError):
    code = "E024"
    template = "{detail}"


class UnknownQueryError(KGError):
    """A query given by name that is neither a shipped query nor a file of ``./queries``."""
    code = "E060"
    template = "no query named {detail!r}. {hint}"
    exit_code = 2


class ParameterError(KGError):
    code = "E025"
    template = "bad query parameter {detail}"


class ServerError(KGError):
    code = "E026"
    template = "cannot serve the store: {detail}"


class EndpointURLError(KGError):
    code = "E027"
    template = "bad endpoint URL {detail}"


class CredentialsError(KGError):
    code = "E028"
    template = "{detail}"

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
    exit_code = 2


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
class CacheEntryWarning(UserWarning):
    """A build-cache entry could not be read; the article is extracted again. Code W040."""

    code = "W040"


class CacheUnavailableWarning(UserWarning):
    """The build cache cannot be opened or written; the build goes on without it. Code W041."""

    code = "W041"


# --------------------------------------------------------------------------- security (E070–E079, W070–W079)

class ServiceRefusedError(KGError):
    """A query or update uses ``SERVICE`` (federation), which kg refuses unless ``--allow-service``."""

    code = "E070"
    template = ("{detail} uses SERVICE, which makes the SPARQL engine fetch other URLs; kg refuses it "
                "by default. Remove the SERVICE clause, or allow federation with --allow-service.")


class QueryTimeoutError(KGError):
    """A query ran longer than its time limit (``--timeout``) and was stopped."""

    code = "E071"
    template = "{detail} ran longer than {seconds:g} s and was stopped. Make it more selective, or give " \
               "a longer --timeout (0: no limit)."


class UnsafePathWarning(UserWarning):
    """A ``.meta.json`` of a fetch folder names a file outside the folder; it was ignored. Code W070."""

    code = "W070"


# --------------------------------------------------------------------------- user lexicons (E080–E089, W080–W089)

class LexiconEntryError(KGError):
    """A line of a user lexicon (``--lexicon``, ``kg.toml``, ``KG_LEXICON``) cannot be used."""

    code = "E080"
    template = "{detail}. Run `kg lexicon check FILE` to list every problem; the format is in docs/lexicon.md."


class LexiconNotFoundError(KGError):
    """A user lexicon named by ``--lexicon``, ``kg.toml`` or ``KG_LEXICON`` cannot be read."""

    code = "E081"
    template = "lexicon not found or unreadable: {detail}"


class LexiconConflictError(KGError):
    """The merge decisions of the user lexicons contradict each other (a same_as chain joins a not_same pair)."""

    code = "E082"
    template = "{detail}. Remove one of the decisions; `kg lexicon check FILE` lists them with their lines."


class LexiconConfigError(KGError):
    """A ``kg.toml`` beside the inputs cannot be read, or its ``lexicon`` key is not a list of paths."""

    code = "E083"
    template = "{detail}"


class LexiconTypeError(KGError):
    """``kg lexicon export --type`` names no entity type of the lexicon."""

    code = "E084"
    exit_code = 2
    template = "unknown type {detail}: use Country, Person, Organization, Vaccine or Position"


class LexiconOverrideWarning(UserWarning):
    """A user lexicon name was a built-in name of another entity of the same type; the user's entry won. Code W080."""

    code = "W080"
