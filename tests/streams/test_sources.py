import json
from pathlib import Path

import pytest

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
    assert errors[0].reason.startswith("invalid_json")
    assert errors[1].reason.startswith("not_an_object")
    assert errors[2].reason == "invalid_message: RawArticle: body: Field required"
    assert errors[3].reason.startswith("not_utf8")


GOOD = json.dumps({"body": "Officials said 12 people died."}).encode()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"body": "caf\xe9 au lait"}', "not_utf8: invalid continuation byte at byte 13"),
        (
            b'{"body": "x", "extra": ' + b"[" * 1500 + b"]" * 1500 + b"}",
            "invalid_json: nested too deeply",
        ),
        (
            b'{"body": "lone \\ud800 surrogate"}',
            "not_utf8: a lone UTF-16 surrogate in a JSON string",
        ),
        (b'{"body": "x"', "invalid_json: Expecting ',' delimiter: line 1 column 13 (char 12)"),
    ],
    ids=["invalid-utf8", "deep-nesting", "lone-surrogate", "truncated"],
)
def test_a_bad_line_is_named_and_every_other_line_read(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    lines = tmp_path / "mixed.jsonl"
    lines.write_bytes(b"\n".join([GOOD, GOOD, line, GOOD]) + b"\n")
    found = list(read_articles([lines]))
    assert [item for item in found if isinstance(item, SourceError)] == [
        SourceError(f"{lines}:3", reason)
    ]
    assert sum(isinstance(item, RawArticle) for item in found) == 3


def test_a_json_file_nested_too_deeply_is_one_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000, "utf-8")
    assert list(read_articles([deep])) == [
        SourceError(str(deep), "invalid_json: nested too deeply")
    ]


def test_a_byte_order_mark_is_not_part_of_the_first_record(tmp_path: Path) -> None:
    lines = tmp_path / "bom.jsonl"
    lines.write_bytes(b"\xef\xbb\xbf" + GOOD + b"\n" + GOOD + b"\n")
    assert all(isinstance(item, RawArticle) for item in read_articles([lines]))


def test_a_folder_stands_for_its_article_files_only(tmp_path: Path) -> None:
    (tmp_path / "quake.txt").write_text("At least 12 people died.", "utf-8")
    (tmp_path / "README.md").write_text("# About these articles", "utf-8")
    (tmp_path / ".draft.json").write_text(json.dumps({"body": "unfinished"}), "utf-8")
    (tmp_path / "notes.jsonl").mkdir()
    found = list(read_articles([tmp_path]))
    assert [item.id for item in found if isinstance(item, RawArticle)] == ["quake"]
    assert len(found) == 1


def test_a_file_named_that_is_not_an_article_file_is_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# About these articles", "utf-8")
    assert list(read_articles([readme])) == [
        SourceError(str(readme), "not an article file (.txt, .html, .htm, .json, .jsonl)")
    ]
