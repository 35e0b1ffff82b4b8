"""What ``show`` tells about a provision's obligation strength: its own label and qualifiers,
each labelled part's, in JSON and in one readable line."""

import json
import os
import subprocess
import sys


def test_describe_gives_the_label_qualifiers_and_the_labels_of_the_parts(corpus):
    described = corpus.describe(corpus.get("uncac art. 20"))
    assert described["obligation"] == "shall-consider"
    assert described["qualifiers"] == [
        "Subject to its constitution and the fundamental principles of its legal system"
    ]
    parts = corpus.describe(corpus.get("uncac art. 21"))["parts"]
    assert parts == [
        {"citation": "uncac art. 21(a)", "obligation": "shall-consider", "qualifiers": []},
        {"citation": "uncac art. 21(b)", "obligation": "shall-consider", "qualifiers": []},
    ]


def test_an_article_labelled_only_in_its_paragraphs_lists_each_paragraphs_label(corpus):
    described = corpus.describe(corpus.get("untoc art. 16"))
    assert described["obligation"] is None
    labels = {p["citation"]: p["obligation"] for p in described["parts"]}
    assert labels["untoc art. 16(10)"] == "mandatory"
    assert labels["untoc art. 16(15)"] == "shall-not"
    assert labels["untoc art. 16(5)(b)"] == "shall-endeavour"
    assert len(labels) == sum(1 for n in corpus.get("untoc art. 16").walk() if n.obligation)


def _show(settings, *args: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "TREATY_DATA_DIR": str(settings.data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "show", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )


def test_show_json_prints_the_obligation_of_uncac_art_21(built_settings):
    shown = _show(built_settings, "uncac art. 21", "--json")
    assert shown.returncode == 0, shown.stderr
    described = json.loads(shown.stdout)
    assert described["obligation"] == "shall-consider"
    assert [p["obligation"] for p in described["parts"]] == ["shall-consider"] * 2


def test_show_prints_one_obligation_line(built_settings):
    shown = _show(built_settings, "UNCAC art. 20").stdout.splitlines()
    assert shown[-1] == (
        "Obligation: shall consider (qualifiers: Subject to its constitution and the fundamental "
        "principles of its legal system)"
    )
    by_part = _show(built_settings, "untoc art. 16").stdout.splitlines()[-1]
    assert by_part.startswith("Obligations by part: (1) none, (2) may, (3) mandatory")
    assert "(10) mandatory" in by_part and "(15) shall not" in by_part
