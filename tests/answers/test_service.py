"""The assistant as the app holds it: one per process, on the current index build. (What it
does when the index is rebuilt, deleted, damaged or unreachable: tests/reliability/
test_index_faults.py.)"""

import torch

from assistant.answers.service import AssistantService
from assistant.search.index import read_stamp


def test_questions_share_one_assistant_while_the_build_is_unchanged(indexed_settings):
    service = AssistantService(indexed_settings)
    assert not service.loaded
    first = service.current()
    assert service.loaded and service.current() is first


def test_an_answer_names_the_index_build_it_came_from(indexed_settings):
    answer = AssistantService(indexed_settings).ask("What does UNTOC art. 16(4) say?")
    assert answer.index == read_stamp(indexed_settings).build_id
    assert answer.citations[0].citation == "untoc art. 16(4)"


def test_questions_are_embedded_on_the_configured_number_of_threads(indexed_settings):
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        AssistantService(indexed_settings.model_copy(update={"query_threads": 1}))
        assert torch.get_num_threads() == 1
        torch.set_num_threads(2)
        AssistantService(indexed_settings.model_copy(update={"query_threads": 0}))
        assert torch.get_num_threads() == 2  # 0: torch's own choice is left alone
    finally:
        torch.set_num_threads(before)
