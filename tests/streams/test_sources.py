import json
from pathlib import Path

from streams.models import ContentType, RawArticle
from streams.sources import SourceError, read_articles


def test_every_file_kind(tmp_path: Path) -> None:
    (tmp_path / "quake.txt").write_text("At least 12 people died.", "utf-8")
    (tmp_path / "page.html").write_text("<p>Police said 300 were arrested.</p>", "utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"body": "b", "source": "Wire"}), "utf-8")
    (tmp_path / "many.jsonl").write_text(
        json.dumps({"id": "x1", "body": "one"}) + "\n\n" + json.dumps({"body": "two"}) + "\n",
        "utf-8",
    )
    found = list(read_articles([tmp_path]))
    assert all(isinstance(item, RawArticle) for item in found)
    by_id = {item.id: item for item in found if isinstance(item, RawArticle)}
    assert by_id["quake"].content_type is ContentType.PLAIN
    assert by_id["page"].content_type is ContentType.HTML
    assert by_id["one"].source == "Wire"
    assert "x1" in by_id
    assert len(found) == 5


def test_bad_records_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = tmp_path / "mixed.jsonl"
    lines.write_text('{"body": "ok"}\n{oops\n[1]\n{"title": "no body"}\n', "utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    found = list(read_articles([lines, tmp_path / "latin1.txt"]))
    errors = [item for item in found if isinstance(item, SourceError)]
    assert sum(isinstance(item, RawArticle) for item in found) == 1
    assert [e.where for e in errors] == [
        f"{lines}:2",
        f"{lines}:3",
        f"{lines}:4",
        str(tmp_path / "latin1.txt"),
    ]
    assert errors[0].reason.startswith("invalid JSON")
    assert errors[2].reason.startswith("body:")
    assert errors[3].reason.startswith("not UTF-8")
