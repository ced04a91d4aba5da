"""The README's seed story runs as written against a live server, on each store, and gives the
values the README shows."""

import json
import re
import shutil

from tests.conftest import PROJECT_ROOT, run_served

README = (PROJECT_ROOT / "README.md").read_text()
SEED_STORY = re.search(r"<!-- seed-story -->\n```sh\n(.*?)```\n<!-- /seed-story -->", README, re.S)


def test_the_readme_seed_story(own_database: str) -> None:
    assert SEED_STORY is not None, "the README lost its seed-story block"
    script = SEED_STORY.group(1)
    assert script.startswith("BASE=http://127.0.0.1:8000\n")
    assert shutil.which("curl") is not None
    run = run_served(
        own_database,
        lambda base: ["bash", "-e", "-c", script.replace("http://127.0.0.1:8000", base, 1)],
    )
    assert run.returncode == 0, run.stderr
    timeline, comparison, thread = (json.loads(line) for line in run.stdout.splitlines())
    steps = [
        (item["party"]["name"], stance["stance"], stance["first_mention"], stance["status_after"])
        for item in timeline["items"]
        for stance in item["stances"]
    ]
    assert steps == [
        ("Elton John", "supports", True, "asserted"),
        ("Kremlin", "refutes", False, "contested"),
    ]
    names = {party["source"]["id"]: party["source"]["name"] for party in comparison["parties"]}
    assert list(names.values()) == ["Elton John", "Kremlin"]
    assert [relay["source"]["name"] for relay in comparison["relays"]] == [
        "TASS",
        "The Moscow Times",
    ]
    (pair,) = comparison["agreement"]
    assert (names[pair["a"]], names[pair["b"]], pair["agree"], pair["disagree"]) == (
        "Elton John",
        "Kremlin",
        0,
        1,
    )
    (claim,) = comparison["claims"]
    assert claim["status"] == "contested"
    assert (claim["independent_supporters"], claim["independent_refuters"]) == (1, 1)
    assert [position["independent"] for position in claim["positions"]] == [True, True]
    post, denial = (item["statement"] for item in timeline["items"])
    assert denial["responds_to"] == post["id"]
    assert [(hop["drift"], hop["delay_s"]) for hop in denial["via"]] == [
        (0.0, None),
        (0.241, 10800),
    ]
    assert thread["ancestors"] == []
    assert thread["statement"]["statement"]["id"] == post["id"]
    assert [item["statement"]["id"] for item in thread["answers"]] == [denial["id"]]
    (contradiction,) = comparison["contradictions"]
    assert [names[side["source_id"]] for side in contradiction["supporting"]] == ["Elton John"]
    assert [names[side["source_id"]] for side in contradiction["refuting"]] == ["Kremlin"]
