"""The StoryUpdate the story stage publishes after each article: the story as it stands."""

from agents.story import StoryIndex, assign
from agents.story.updates import MAIN_ENTITIES, story_update
from streams.models import TaggedArticle
from streams.settings import Settings

Stream = list[tuple[str, TaggedArticle]]


def test_each_update_is_its_story_after_the_article(tagged_stream: Stream) -> None:
    index = StoryIndex()
    counts: dict[str, int] = {}
    for _, tagged in tagged_stream:
        index, tagged = assign(index, tagged, Settings())
        update = story_update(index, tagged)
        assert update is not None and update.story_id == tagged.story_id
        assert update.label == tagged.story
        assert update.article.article_id == tagged.id
        assert update.article.url == tagged.url and update.article.lead
        counts[update.story_id] = counts.get(update.story_id, 0) + 1
        assert update.articles == counts[update.story_id]
        assert update.first_seen <= update.last_seen
        assert 0 < len(update.entities) <= MAIN_ENTITIES
        weights = [e.weight for e in update.entities]
        assert weights == sorted(weights, reverse=True)


def test_entities_named_by_the_article_are_readable_and_have_a_kind(
    tagged_stream: Stream,
) -> None:
    _, first = tagged_stream[0]
    index, tagged = assign(StoryIndex(), first, Settings())
    update = story_update(index, tagged)
    assert update is not None
    # A story of one article: every main entity is the article's own.
    assert all(e.kind is not None for e in update.entities)
    canonical = {e.canonical for e in tagged.entities}
    assert any(e.name in canonical for e in update.entities)


def test_no_update_for_a_story_the_index_no_longer_holds(tagged_stream: Stream) -> None:
    _, tagged = tagged_stream[0]
    assert story_update(StoryIndex(), tagged.model_copy(update={"story_id": "gone"})) is None
