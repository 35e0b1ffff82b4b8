"""The treaty model every stage shares: provisions, the citation grammar, the manifest, the
corpus on disk and the one rule of what counts as verbatim. Imports nothing else of ours."""
