"""SAM content core: load, validate and turn cahiers and practices into pages.

Nothing in this package imports MkDocs: the hook files in ``hooks/`` translate
MkDocs events into calls on it.
"""
