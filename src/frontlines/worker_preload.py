"""Imported by the worker pool's fork server before it forks any worker (pipeline.py): the pipeline
modules and the language model are loaded there once, and every worker inherits them instead of
spending a second of its own on imports and decompression. Nothing else imports this module."""

from frontlines.clean.language import LanguageGuesser
from frontlines.stages import run_task

LanguageGuesser.shared()

__all__ = ["run_task"]
