"""Store stage: the embedded DuckDB file."""

from frontlines.store.article_store import Store, StoredArticle

__all__ = ["Store", "StoredArticle"]
