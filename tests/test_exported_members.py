"""The public API is the short list in frontlines.__all__; everything it names exists."""

import frontlines


def test_public_names() -> None:
    assert sorted(frontlines.__all__) == [
        "Article", "Evidence", "FrontlinesError", "IngestSummary", "InputError", "Mention",
        "RemovedLine", "ResourceError", "Settings", "Skipped", "Span", "StoreError",
        "clean_article", "extract_events", "ingest", "load_settings", "open_store", "read_events",
    ]
    for name in frontlines.__all__:
        assert getattr(frontlines, name) is not None


def test_clean_article_from_python() -> None:
    article = frontlines.clean_article(
        "<html><head><title>Rebels take Tal Abyad | Desk</title></head><body><article>"
        + "<p>Kurdish-led forces took the border town of Tal Abyad on Tuesday, a monitor said.</p>"
        * 3 + "</article></body></html>",
        published="2015-06-16",
    )
    assert article.published.isoformat() == "2015-06-16" and article.language == "en"


def test_extract_events_from_python() -> None:
    article = frontlines.clean_article(
        "Kurdish-led forces took control of the border town of Tal Abyad on Tuesday after days of "
        "fighting with Islamic State militants, a monitoring group said.",
        published="2015-06-16",
    )
    (event,) = frontlines.extract_events(article)
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert (event.event_date, event.location) == ("2015-06-16", "Tal Abyad")
    assert event.article_id == article.id
