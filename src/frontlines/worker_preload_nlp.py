"""Like `worker_preload`, for runs that extract events: the fork server also loads the spaCy
pipeline and the actor catalogue once, and every worker shares them (copy-on-write) instead of
each spending a second and ~100 MB on its own copy."""

from frontlines.extract.actors import load_catalogue
from frontlines.extract.nlp import load_nlp
from frontlines.worker_preload import run_task

load_nlp()
load_catalogue()

__all__ = ["run_task"]
