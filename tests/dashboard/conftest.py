"""Fixtures: the hand-built stores (fixture articles; the analyst's 2019 store), built once."""

from __future__ import annotations

import pytest
from store_builder import build_analyst_store, build_store


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """A store holding the fixture articles and their nine events."""
    return build_store(tmp_path_factory.mktemp("store") / "store")


@pytest.fixture(scope="session")
def analyst_store(tmp_path_factory):
    """The analyst's store: US acts on Venezuela in 2019 among decoys (store_builder)."""
    return build_analyst_store(tmp_path_factory.mktemp("analyst") / "store")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """A store of the whole ../shared/corpus, ingested by the pipeline (about 40 s)."""
    from store_builder import ROOT

    from tracker.pipeline import ingest

    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("needs ../shared/corpus (third-party data beside the repository)")
    store = tmp_path_factory.mktemp("corpus") / "store"
    ingest([corpus], store)
    return store
