"""Language identification with py3langid (langid.py's naive Bayes model over byte
n-grams: 97 languages in every script, Cyrillic, Chinese and Arabic included; the model
ships with the package, nothing is downloaded).

The opening of the text is classified; when the model's calibrated probability for its best
language is under MIN_CONFIDENCE, the text is too short or too mixed to tell and the
language is unknown (None).
"""

from __future__ import annotations

from functools import cache

#: Characters classified; the opening of an article is plenty to tell its language.
MAX_CHARS = 10_000
#: The least probability of the best language for an answer (a one-sentence English
#: news line scores about 0.45, a paragraph over 0.9; a bare name under 0.2).
MIN_CONFIDENCE = 0.5


@cache
def _identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE
    )


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or too
    mixed to tell."""
    code, _ = _identifier().classify(text[:MAX_CHARS])
    return None if code == "und" else code
