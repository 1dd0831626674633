"""A long answer is written as it is read: the streamed JSON list is byte for
byte the list `echo_json` prints, and `log` streams on both stores."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson
import pytest

from adapters.eventstore import views
from adapters.eventstore.tracker import MissionTracker
from cli.output import echo_json, echo_json_list, echo_ndjson
from domain.events import Event, Source
from tests.conftest import Run
from tests.stores import execute

LISTS: list[list[Any]] = [
    [],
    [{}],
    [{"a": 1, "b": [1, 2, {"c": None}], "text": "line\nbreak"}],
    [{"x": "é"}, [], "plain", 3, {"nested": {"deeper": [[]]}}],
    # More than is written at once.
    [{"n": n, "line": [n, {"twice": n * 2}]} for n in range(1234)],
]


@pytest.mark.parametrize("values", LISTS)
def test_a_streamed_json_list_is_the_list_printed_whole(
    values: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    echo_json(values)
    whole = capsys.readouterr().out
    echo_json_list(iter(values))
    assert capsys.readouterr().out == whole
    assert orjson.loads(whole) == values


@pytest.mark.parametrize("values", LISTS)
def test_streamed_json_lines_are_one_value_a_line(
    values: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    echo_ndjson(iter(values))
    lines = capsys.readouterr().out.splitlines(keepends=True)
    assert lines == [orjson.dumps(value).decode() + "\n" for value in values]


@pytest.mark.parametrize("echo", [echo_json_list, echo_ndjson], ids=["json", "ndjson"])
def test_a_stream_is_closed_when_its_output_closes(
    echo: Callable[[Iterable[Any]], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generator (which may hold a store's transaction) is closed at once when
    writing its values fails, before the error reaches the command, which then
    closes the store: not at exit, when it is collected."""
    ended: list[int] = []

    def values() -> Iterator[dict[str, int]]:
        try:
            yield from ({"n": n} for n in range(10_000))
        finally:
            ended.append(1)

    def closed(*_: Any, **__: Any) -> None:
        raise BrokenPipeError

    monkeypatch.setattr("click.echo", closed)
    stream = values()
    with pytest.raises(BrokenPipeError):
        echo(stream)
    assert ended == [1]


def test_log_as_json_and_as_ndjson_tell_the_same_events(query: Run) -> None:
    listed = orjson.loads(query("log", "exomars", "--json").output)
    assert len(listed) > 1
    lines = query("log", "exomars", "--ndjson").output.splitlines()
    assert [orjson.loads(line) for line in lines] == listed
    assert [view["version"] for view in listed] == list(range(1, len(listed) + 1))


def test_the_streamed_log_is_the_log_of_the_whole_mission(
    seeded: MissionTracker,
) -> None:
    for registered in seeded.catalogue():
        mission = seeded.mission(registered.slug)
        for known_at in (None, mission.events[len(mission.events) // 2].timestamp):
            streamed = list(seeded.event_log(mission.slug, known_at))
            assert streamed == views.log_view(mission, known_at)


def test_the_streamed_log_tells_corrections_retractions_and_citations(
    seeded: MissionTracker,
) -> None:
    facts = [v for v in views.log_view(seeded.mission("exomars")) if v["occurred"]]
    first, second, third = (fact["id"] for fact in facts[1:4])
    other = Source(publication="ESA")
    seeded.cite(first, other, "a word")
    _, dropped = seeded.cite(first, Source(publication="TASS"))
    seeded.retract(str(dropped.id), "misread", other)
    seeded.cite(second, other)
    seeded.retract(second, "wrong", other)
    seeded.correct(third, {"summary": "Said again, better."})
    mission = seeded.mission("exomars")
    streamed = list(seeded.event_log("exomars"))
    assert streamed == views.log_view(mission)
    told = {view["id"]: view for view in streamed}
    assert [s["publication"] for s in told[first]["sources"]] == ["SpaceNews", "ESA"]
    assert told[str(dropped.id)]["retracted_by"] is not None
    assert told[second]["retracted_by"] is not None
    assert len(told[third]["corrected_by"]) == 1


def test_an_event_stored_in_another_spelling_is_told_as_built(
    store: str, seeded: MissionTracker
) -> None:
    """An event whose stored state spells a value otherwise than the event is
    stored (here its recording time with +00:00, not Z) is noted by the read
    model, and the log builds it; one that only leaves out fields at their
    defaults, in another order, is told from its stored JSON: both as the
    whole mission's log tells them, key for key."""
    mission = seeded.mission("exomars")
    respelled, shortened = mission.events[3], mission.events[4]
    where = "WHERE originator_id = ? AND originator_version = ?"

    def rewrite(
        event: Event, change: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> None:
        key = (event.originator_id, event.originator_version)
        ((state,),) = execute(store, f"SELECT state FROM {{events}} {where}", key)
        new = orjson.dumps(change(orjson.loads(bytes(state))))
        execute(store, f"UPDATE {{events}} SET state = ? {where}", (new, *key))

    rewrite(respelled, lambda s: s | {"timestamp": s["timestamp"][:-1] + "+00:00"})
    rewrite(
        shortened,
        lambda s: dict(reversed([(k, v) for k, v in s.items() if v is not None])),
    )
    seeded.rebuild()
    view = seeded.reader.view
    with view.transaction(commit=False) as tx:
        head, irregular = view.regularity(tx, mission.events[0].originator_id)
    assert (head, irregular) == (len(mission.events), {respelled.originator_version})
    streamed = list(seeded.event_log("exomars"))
    whole = views.log_view(seeded.mission("exomars"))
    assert streamed == whole
    assert [list(told) for told in streamed] == [list(told) for told in whole]
