"""Evaluation against gold data: `frontlines eval`."""
