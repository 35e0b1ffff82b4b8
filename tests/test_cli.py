"""The command lines as a user runs them: fetch, parse, list, show; errors in one line."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-data")

    def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        environ = {**os.environ, "TREATY_DATA_DIR": str(data), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", *args], capture_output=True, text=True, env=environ, timeout=300
        )

    return run


def test_fetch_parse_list_show(run):
    fetched = run("ingest", "fetch")
    assert fetched.returncode == 0, fetched.stderr
    assert "11 documents verified" in fetched.stdout
    parsed = run("ingest", "parse")
    assert parsed.returncode == 0, parsed.stderr
    listing = json.loads(run("ingest", "list", "--json").stdout)
    by_id = {row["id"]: row for row in listing}
    assert by_id["uncac"]["articles"] == 71
    assert by_id["uncac"]["kind"] == "convention"
    assert by_id["commentary-mcadam-2025"]["paragraphs"] >= 10
    assert set(by_id["untoc"]) >= {"id", "title", "kind", "articles", "paragraphs"}
    assert by_id["drugs-convention-1988"]["articles"] == 34
    assert by_id["lanzarote-convention"]["articles"] == 50

    shown = run("assistant", "show", "Article 16(4) UNTOC")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("UNTOC art. 16(4) — Extradition")
    assert "Source: United Nations Convention against Transnational Organized Crime" in shown.stdout
    lanzarote = run("assistant", "show", "Lanzarote art. 23")
    assert lanzarote.stdout.startswith(
        "Lanzarote Convention art. 23 — Solicitation of children for sexual purposes"
    )
    refers = next(ln for ln in lanzarote.stdout.splitlines() if ln.startswith("Refers to: "))
    assert "lanzarote-convention art. 18(2)" in refers
    as_json = json.loads(run("assistant", "show", "uncac art. 15(a)", "--json").stdout)
    assert as_json["citation"] == "uncac art. 15(a)"
    assert as_json["display"] == "UNCAC art. 15(a)"


@pytest.mark.parametrize(
    ("citation", "says"),
    [
        ("uncac art. 99", "no such provision"),
        ("art 5", "names no known document"),
        ("UNCAC article 1e9", "not a valid article number"),
    ],
)
def test_show_errors_are_one_line_without_traceback(run, citation, says):
    if run("ingest", "list", "--json").stdout.count('"parsed": true') == 0:
        run("ingest", "fetch")
        run("ingest", "parse")
    result = run("assistant", "show", citation)
    assert result.returncode == 1
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_fetch_with_a_damaged_mirror_fails_clearly(run, tmp_path, settings):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for source in settings.mirror_dir.iterdir():
        (mirror / source.name).write_bytes(source.read_bytes())
    (mirror / "untoc.md").write_text("not the convention")
    result = run(
        "ingest",
        "fetch",
        env={"TREATY_MIRROR_DIR": str(mirror), "TREATY_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: untoc: checksum mismatch")
    assert "Traceback" not in result.stderr


def _assistant(indexed_settings, *args: str, stdin: str | None = None):
    environ = {**os.environ, "TREATY_DATA_DIR": str(indexed_settings.data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        env=environ,
        input=stdin,
        timeout=300,
    )


def test_ask_prints_the_answer_and_json_gives_the_whole_answer_object(indexed_settings):
    shown = _assistant(
        indexed_settings, "ask", "What does UNCAC say about bribery of national public officials?"
    )
    assert shown.returncode == 0, shown.stderr
    assert "**UNCAC art. 15" in shown.stdout
    result = _assistant(
        indexed_settings, "ask", "liability of legal persons", "--instrument", "uncac", "--json"
    )
    answer = json.loads(result.stdout)
    assert answer["instruments"] == ["uncac"]
    assert answer["citations"][0]["citation"].startswith("uncac art. 26")
    assert {
        "question",
        "standalone_question",
        "quotes",
        "retrieved",
        "abstained",
        "timings",
        "mode",
    } <= set(answer)


def test_output_into_a_closed_pipe_ends_without_a_traceback(indexed_settings):
    # "python -m assistant ask … | head -1": the reader is gone before the answer is written
    environ = {**os.environ, "TREATY_DATA_DIR": str(indexed_settings.data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "ask", "What does UNCAC say about bribery?"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
    )
    process.stdout.close()
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 1
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr


def test_ask_with_history_rewrites_the_follow_up(indexed_settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps(["What does UNTOC say about jurisdiction?"]))
    result = _assistant(
        indexed_settings,
        "ask",
        "And the cybercrime convention?",
        "--history",
        str(history),
        "--json",
    )
    answer = json.loads(result.stdout)
    assert "jurisdiction" in answer["standalone_question"]
    assert answer["citations"][0]["citation"].startswith("cybercrime-convention art. 22")


def test_chat_keeps_the_conversation_until_reset(indexed_settings):
    session = (
        "What does UNTOC article 16 say about extraditable offences?\nAnd paragraph 4?\n/quit\n"
    )
    result = _assistant(indexed_settings, "chat", stdin=session)
    assert result.returncode == 0, result.stderr
    assert "**UNTOC art. 16(4)**" in result.stdout
    assert "Traceback" not in result.stderr


def test_ask_without_an_index_says_what_to_run(tmp_path, settings):
    result = _assistant(settings.model_copy(update={"data_dir": tmp_path}), "ask", "bribery")
    assert result.returncode == 1
    assert "run 'python -m ingest" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_setting_is_one_clear_line(run):
    result = run("ingest", "list", env={"TREATY_CANDIDATES": "many"})
    assert result.returncode == 1
    assert result.stderr.startswith("error: invalid setting: TREATY_CANDIDATES")
    assert "Traceback" not in result.stderr


def test_eval_runs_a_suite_beside_a_baseline_and_writes_every_report(indexed_settings, tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        "- id: bribery\n"
        "  question: Does UNCAC oblige States to criminalise bribery"
        " of national public officials?\n"
        "  expected_citations: [uncac art. 15]\n"
        "- id: bread\n"
        "  question: How do I bake sourdough bread?\n"
        "  expect_abstain: true\n"
    )
    out = tmp_path / "out"
    reports = [
        "--report-json",
        out / "r.json",
        "--report-md",
        out / "r.md",
        "--junit",
        out / "r.xml",
    ]
    exports = ["--ragas", out / "r.jsonl", "--promptfoo", out / "tests.yaml"]
    result = _assistant(
        indexed_settings, "eval", str(suite), "--baseline", "bm25", *map(str, reports + exports)
    )
    assert result.returncode == 0, result.stderr
    assert "2 cases, k = 5" in result.stdout
    table = result.stdout.splitlines()[1]
    assert "ours (offline)" in table and "BM25 alone" in table
    assert "article recall@5" in result.stdout and "%|" in result.stderr  # progress bar
    report = json.loads((out / "r.json").read_text())
    assert [c["id"] for c in report["cases"]] == ["bribery", "bread"]
    assert all(c["passed"] for c in report["cases"])
    assert (out / "r.md").read_text().startswith("# Evaluation of")
    assert (out / "r.xml").read_text().count("<testcase ") == 2
    assert len((out / "r.jsonl").read_text().splitlines()) == 2
    assert "vars:" in (out / "tests.yaml").read_text()

    bare = _assistant(
        indexed_settings, "eval", str(suite), "--no-answers", "--report-json", str(out / "b.json")
    )
    assert bare.returncode == 0, bare.stderr
    assert all("answer" not in c for c in json.loads((out / "b.json").read_text())["cases"])


def test_eval_of_a_broken_suite_is_one_clear_line(indexed_settings, tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text("- id: a\n  question: q\n  expected_citations: [nowhere art. 1]\n")
    result = _assistant(indexed_settings, "eval", str(suite))
    assert result.returncode == 1
    assert result.stderr.startswith("error: suite") and "names no known document" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_compare_prints_each_instruments_article_and_json_gives_the_columns(indexed_settings):
    result = _assistant(indexed_settings, "compare", "liability of legal persons", "--json")
    assert result.returncode == 0, result.stderr
    columns = {c["instrument"]: c for c in json.loads(result.stdout)["columns"]}
    assert {i: c["citation"] for i, c in columns.items() if not c["weak"]} == {
        "cybercrime-convention": "cybercrime-convention art. 18",
        "untoc": "untoc art. 10",
        "uncac": "uncac art. 26",
        "budapest-convention": "budapest-convention art. 12",
        "lanzarote-convention": "lanzarote-convention art. 26",
    }
    assert columns["drugs-convention-1988"]["weak"]  # no article on legal persons
    assert columns["uncac"]["title"] == "Liability of legal persons"
    assert 0 < columns["uncac"]["similarity"] < 1
    shown = _assistant(
        indexed_settings, "compare", "Lanzarote art. 23", "--instrument", "cybercrime-convention"
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Cybercrime Convention: cybercrime-convention art. 15 — ")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["compare"], "compare needs a topic or article, or --suite FILE"),
        (["compare", "extradition", "--instrument", "palermo"], "unknown document id 'palermo'"),
        (["compare", "UNCAC art. 99"], "no such provision"),
    ],
)
def test_compare_errors_are_one_line(indexed_settings, args, says):
    result = _assistant(indexed_settings, *args)
    assert result.returncode == 1
    assert says in result.stderr and "Traceback" not in result.stderr


def test_compare_scores_a_correspondence_suite(indexed_settings, tmp_path):
    suite = tmp_path / "correspondence.yaml"
    suite.write_text(
        "topics:\n"
        "  - id: grooming\n"
        "    topic: solicitation of children for sexual purposes\n"
        "    expected: {cybercrime-convention: [art. 15], lanzarote-convention: [art. 23]}\n"
        "  - id: wrong-on-purpose\n"
        "    topic: extradition\n"
        "    expected: {untoc: [art. 16], uncac: [art. 1]}\n"
    )
    result = _assistant(indexed_settings, "compare", "--suite", str(suite))
    assert result.returncode == 0, result.stderr
    assert "wrong-on-purpose: 1/2; uncac art. 44 (expected uncac art. 1)" in result.stdout
    assert result.stdout.rstrip().endswith("3/4 columns right (75.0%)")
