"""Serve stage: the REST API and the web app over a store (`frontlines serve`), and the exports
that share its filters (`frontlines export`, `frontlines.read_events`)."""
