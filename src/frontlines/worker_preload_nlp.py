"""Like `worker_preload`, for runs that extract events: the fork server also loads the spaCy
pipeline and the actor catalogue once, and every worker shares them (copy-on-write) instead of
each spending a second and ~100 MB on its own copy.

The fork server is a process of ours that only ever runs the extraction stages, none of which
runs on torch. thinc imports torch whenever it is installed (our fusion model's package pulls it
in), merely to offer it as a backend: measured, that took the server's start from 2.5 s to 5.9 s,
during which no worker can start. Marking torch as absent in this process, before spaCy is
imported, makes thinc skip it; the parent process and library users are untouched."""

import sys

sys.modules.setdefault("torch", None)  # type: ignore[arg-type]  # `import torch` now fails fast

from frontlines.extract.actors import load_catalogue  # noqa: E402
from frontlines.extract.nlp import load_nlp  # noqa: E402
from frontlines.worker_preload import run_task  # noqa: E402

load_nlp()
load_catalogue()

__all__ = ["run_task"]
