"""Answers: ranked provisions → a verified ``Answer`` (the answer model, the offline composer,
abstention, follow-ups, comparison, the chain, the LLM step and the checks on its reply)."""
