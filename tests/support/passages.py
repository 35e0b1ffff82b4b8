"""The question and the verbatim passages of UNCAC art. 15 that the answer tests share."""

QUESTION = "Does UNCAC require States to criminalise bribery of national public officials?"
ACTIVE_BRIBERY = (  # UNCAC art. 15(a), from its start
    "The promise, offering or giving, to a public official, directly or indirectly, "
    "of an undue advantage"
)
PASSIVE_BRIBERY = "The solicitation or acceptance by a public official, directly or indirectly"
