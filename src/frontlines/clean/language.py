"""Offline language identification (py3langid's bundled model; no download)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from frontlines.errors import ResourceError

# Languages the extraction stages can read today; others are stored with a clear status.
SUPPORTED_LANGUAGES = frozenset({"en"})


class LanguageGuesser:
    """Wraps py3langid with probabilities normalised to 0..1."""

    def __init__(self) -> None:
        try:
            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        except (OSError, ValueError) as error:
            raise ResourceError(
                f"py3langid's bundled model could not be loaded ({error}); reinstall with "
                "`pip install --force-reinstall py3langid`."
            ) from error

    @staticmethod
    @cache
    def shared() -> LanguageGuesser:
        """One read-only guesser per process. Decompressing the model takes most of a second;
        worker processes forked from a server that loaded it (see pipeline.py) get it for free."""
        return LanguageGuesser()

    def identify(self, text: str) -> tuple[str, float]:
        """The article's language, judged on its first 500 characters (some 80 words): plenty for
        a clear answer on news prose, and langid's cost grows with length."""
        language, probability = self._identifier.classify(text[:500])
        return language, round(float(probability), 4)

    def rank(self, text: str) -> list[tuple[str, float]]:
        return self._identifier.rank(text)[:5]
