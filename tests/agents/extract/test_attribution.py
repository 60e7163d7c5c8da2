"""One speaker, one name: a source written several ways gives one `attributed_to` (real model).

The detector tells a revision (same voice) from a contradiction (two voices) by
this name, so 'the coast guard', 'Coast guard officials' and 'a coast guard
spokesman' must not be three voices.
"""

import pytest

from agents.extract import extract_claims
from agents.tag import tag_articles
from streams.models import CleanArticle


def _speakers(nlp, *paragraphs: str) -> list[str | None]:
    clean = CleanArticle(id="t", paragraphs=list(paragraphs), content_hash="h")
    (tagged,) = tag_articles([clean], nlp)
    return [claim.attributed_to for claim in extract_claims(tagged)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The coast guard said 300 migrants crossed into Greece.",
        "Coast guard said 300 migrants crossed into Greece.",
        "More than 380 migrants crossed into Greece, the coast guard said.",
        "According to the coast guard, 320 migrants crossed into Greece.",
        "Coast guard officials said 340 migrants crossed into Greece.",
        "A coast guard spokesman said 360 migrants crossed into Greece.",
    ],
)
def test_a_body_written_several_ways_is_one_speaker(nlp, paragraph):
    assert _speakers(nlp, paragraph) == ["coast guard"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The U.S. said 1,300 soldiers were killed in the fighting.",
        "About 1,600 soldiers were killed in the fighting, the U.S. said.",
        "U.S. officials said about 1,200 soldiers were killed in the fighting.",
        "According to the United States, 1,400 soldiers were killed in the fighting.",
        "U.S. estimates put the number of soldiers killed at 1,500.",
    ],
)
def test_a_country_written_several_ways_is_one_speaker(nlp, paragraph):
    assert _speakers(nlp, paragraph) == ["United States"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Police said about 9,000 people marched.",
        "About 9,000 people marched, police said.",
        "Police officers said about 9,000 people marched.",
    ],
)
def test_the_capital_that_starts_a_sentence_is_not_part_of_the_name(nlp, paragraph):
    assert _speakers(nlp, paragraph) == ["police"]


def test_a_bare_noun_is_the_body_the_article_described_with_it(nlp):
    assert (
        _speakers(
            nlp,
            "The interior ministry said 1,400 people had been killed.",
            "A ministry spokesperson said 5,200 people were injured.",
            "The ministry later said 1,600 people had died.",
        )
        == ["interior ministry"] * 3
    )


def test_the_nearest_speaker_wins_over_one_named_earlier(nlp):
    assert _speakers(
        nlp,
        "Police said 12 people were arrested in Varna.",
        "Police estimated the crowd at 15,000, while organisers put the turnout at 60,000.",
    ) == ["police", "police", "organisers"]


def test_a_bare_figure_continues_the_speaker_of_the_sentence_before(nlp):
    assert (
        _speakers(
            nlp,
            "The regional health office reported at least 40 people killed in the landslide.",
            "Around 200 were injured, and rescuers were still digging on Sunday.",
        )
        == ["regional health office"] * 2
    )


@pytest.mark.parametrize(
    "after",
    [
        ["Roads into the valley were closed.", "Around 200 were injured."],
        ["Hospitals said 200 people were injured."],
    ],
)
def test_a_speaker_does_not_carry_past_a_gap_or_over_a_new_one(nlp, after):
    first = "The regional health office reported at least 40 people killed in the landslide."
    speakers = _speakers(nlp, first, *after)
    assert speakers[0] == "regional health office"
    assert speakers[1] != "regional health office"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The coast guard insisted that 300 migrants crossed into Greece.",
        "The coast guard, however, argued that 300 migrants crossed into Greece.",
        "The coast guard gave a lower figure, saying 300 migrants crossed into Greece.",
    ],
)
def test_a_speaker_who_insists_argues_or_gives_a_figure_saying_it_is_its_source(nlp, paragraph):
    assert _speakers(nlp, paragraph) == ["coast guard"]


def test_a_figure_given_as_someone_else_claims_it_is_theirs(nlp):
    """'not 30 as claimed by rights groups': the sentence's speaker denies that figure."""
    assert _speakers(
        nlp,
        "The governor insisted that only 12 people had died in the Dova unrest, "
        "not 30 as claimed by rights groups.",
    ) == ["governor", "rights groups"]


def test_what_is_counted_never_speaks(nlp):
    """'Fresh deaths push the count to 610': the deaths are counted, not a source."""
    speakers = _speakers(
        nlp,
        "The coast guard said 40 migrants drowned off Greece on Monday. The fresh deaths "
        "push the toll to 610.",
    )
    assert speakers[1] != "fresh deaths"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The coast guard's toll stood at 41 on Monday.",
        "Rescuers said 60 migrants drowned, up from the coast guard's figure of 41.",
    ],
)
def test_whose_tally_it_is_gives_the_figure(nlp, paragraph):
    assert _speakers(nlp, paragraph)[-1] == "coast guard"


@pytest.mark.parametrize(
    "paragraph",
    [
        'The coast guard said: "Our records show that 310 migrants crossed into Greece."',
        "The coast guard said its latest data indicate that 310 migrants crossed into Greece.",
    ],
)
def test_what_a_speaker_writes_figures_in_never_speaks(nlp, paragraph):
    assert _speakers(nlp, paragraph) == ["coast guard"]
