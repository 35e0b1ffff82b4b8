"""The correspondence suite: topics with, per instrument, the articles that deal with them,
read from the texts; scored as the share of Compare columns that show one of those articles.

Format (YAML, see eval/correspondence.yaml and docs/evaluation.md)::

    topics:
      - id: liability-of-legal-persons
        topic: liability of legal persons        # or an article: "Lanzarote art. 23"
        expected:
          untoc: [art. 10]                       # any of these is right for the column
          lanzarote-convention: [art. 26]

The comparison runs over exactly the instruments a topic lists, in its order.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from assistant.answers.compare import compare
from assistant.errors import CitationError, ManifestError, SuiteError
from assistant.model.citations import parse_citation
from assistant.model.manifest import Manifest
from assistant.search.retriever import Retriever


class Topic(BaseModel):
    model_config = {"extra": "forbid"}

    id: str
    topic: str = Field(min_length=1)
    expected: dict[str, list[str]] = Field(min_length=2)  # instrument -> canonical units


class TopicResult(BaseModel):
    id: str
    topic: str
    columns: list[dict]  # Comparison.shown rows, each with "right" and "expected" added

    @property
    def right(self) -> int:
        return sum(c["right"] for c in self.columns)


class CorrespondenceScore(BaseModel):
    suite: str
    topics: list[TopicResult]

    @property
    def columns(self) -> int:
        return sum(len(t.columns) for t in self.topics)

    @property
    def right(self) -> int:
        return sum(t.right for t in self.topics)

    @property
    def share(self) -> float:
        return self.right / self.columns if self.columns else 0.0


def load_topics(path: Path, manifest: Manifest) -> list[Topic]:
    """Read and check a suite: known instruments, readable articles, unique ids."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SuiteError(f"cannot read correspondence suite {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise SuiteError(f"{path}: expected a mapping with a list 'topics'")
    topics: list[Topic] = []
    for number, raw in enumerate(data["topics"], 1):
        try:
            topic = Topic.model_validate(raw)
            topic.expected = {
                doc: [_unit(doc, text, manifest) for text in units]
                for doc, units in topic.expected.items()
            }
        except ValidationError as exc:
            raise SuiteError(f"{path}: topic {number}: {exc.errors()[0]['msg']}") from None
        except (CitationError, ManifestError) as exc:
            raise SuiteError(f"{path}: topic {number}: {exc.message}") from None
        if any(t.id == topic.id for t in topics):
            raise SuiteError(f"{path}: topic id '{topic.id}' appears twice")
        topics.append(topic)
    if not topics:
        raise SuiteError(f"{path}: no topics")
    return topics


def _unit(instrument: str, text: str, manifest: Manifest) -> str:
    manifest.get(instrument)  # an unknown id says which ids exist
    citation = parse_citation(text, manifest, default_instrument=instrument)
    if citation.instrument != instrument:
        raise CitationError(f"'{text}' is listed under {instrument} but names another document")
    return str(citation.unit)


def score(retriever: Retriever, topics: list[Topic], suite: str) -> CorrespondenceScore:
    """Run each topic's comparison and mark every column right or wrong."""
    results = []
    for topic in topics:
        for units in topic.expected.values():
            for unit in units:
                retriever.corpus.get(unit)  # a suite naming a missing article says so
        comparison = compare(retriever, topic.topic, list(topic.expected))
        columns = []
        for row in comparison.shown(retriever.corpus):
            expected = topic.expected[row["instrument"]]
            columns.append({**row, "expected": expected, "right": row["citation"] in expected})
        results.append(TopicResult(id=topic.id, topic=topic.topic, columns=columns))
    return CorrespondenceScore(suite=suite, topics=results)
