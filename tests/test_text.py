"""The scraped-text cleaner's rules, one by one, and what it must leave alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontlines.clean.text import Boilerplate, clean_text

BP = Boilerplate.load()
BODY = (
    "Government forces shelled the eastern districts of the city on Sunday, killing at least "
    "twelve people, a monitoring group said, as rebels tried to break the siege."
)
BODY2 = (
    "The army said it had repelled the attack and that its aircraft had struck rebel positions "
    "along the main road to the south of the city during the night."
)

BODY3 = (
    "Aid agencies said thousands of families had fled toward the border in the past week and that "
    "field hospitals were running short of blood and anaesthetics."
)


def clean(text: str, **kwargs):
    return clean_text(text, BP, language="en", **kwargs)


def test_sentences_that_mention_widgets_stay() -> None:
    body = (
        "Residents were asked to share their accounts of the shelling with investigators, and the "
        "group said it would subscribe to the United Nations' call for an inquiry."
    )
    result = clean(f"Shelling kills twelve in eastern districts\n{body}\n{BODY}")
    assert body in result.body and not result.removed


def test_widget_lines_go_with_their_reason() -> None:
    text = "\n".join([
        "Shelling kills twelve in eastern districts", "Share", "Facebook Twitter WhatsApp Email",
        "Please verify you are not a robot", '<iframe src="https://video.example/embed/1"></iframe>',
        BODY, "We use cookies to improve your experience. Accept", "Subscribe to our newsletter",
        BODY2, "Comments (3)", "Add a comment", "This is terrible news.", "Stay safe everyone.",
    ])
    result = clean(text)
    reasons = {line.text: line.reason for line in result.removed}
    assert reasons["Facebook Twitter WhatsApp Email"] == "share-widget"
    assert reasons["Please verify you are not a robot"] == "captcha"
    assert reasons['<iframe src="https://video.example/embed/1"></iframe>'] == "embed-code"
    assert reasons["We use cookies to improve your experience. Accept"] == "cookie-prompt"
    assert reasons["Subscribe to our newsletter"] == "subscribe-prompt"
    assert reasons["This is terrible news."] == "reader-comments"
    assert result.body == f"{BODY}\n\n{BODY2}"


def test_foreign_script_lines_go_but_an_english_article_keeps_its_names() -> None:
    body = "Fighters of Hayat Tahrir al-Sham (هيئة تحرير الشام) entered the town on Friday, " \
           "residents said, after a week of clashes with government troops."
    result = clean(f"Rebels enter town\nשתף בפייסבוק\n{body}\nاقرأ أيضا\n{BODY}")
    assert body in result.body
    assert {line.reason for line in result.removed} == {"other-script"}


def test_caption_twice_and_credit() -> None:
    caption = "Smoke rises over the eastern districts after Sunday's shelling"
    text = "\n".join([caption, "Photo: AP", "Shelling kills twelve in eastern districts",
                      BODY, caption, "Photo: AP", BODY2])
    result = clean(text)
    assert result.headline == "Shelling kills twelve in eastern districts"
    assert result.captions == (caption,)
    assert result.body == f"{BODY}\n\n{BODY2}"


def test_headline_standfirst_byline() -> None:
    text = "\n".join([
        "Middle East", "Shelling kills twelve in eastern districts",
        "Monitors say the toll is likely to rise as rescue teams reach collapsed buildings",
        "By Staff Reporter", "Published: 17 March 2016 09:40 GMT", BODY, BODY2,
    ])
    result = clean(text)
    assert result.headline == "Shelling kills twelve in eastern districts"
    assert result.standfirst.startswith("Monitors say the toll")
    assert result.date_lines == ("By Staff Reporter", "Published: 17 March 2016 09:40 GMT")
    assert result.body.startswith("Government forces shelled")


def test_text_without_headline_keeps_its_first_paragraph() -> None:
    result = clean(f"{BODY}\n{BODY2}")
    assert result.headline is None and result.body == f"{BODY}\n\n{BODY2}"


def test_related_block_mid_page_only_takes_its_list() -> None:
    text = "\n".join(["Shelling kills twelve", BODY, "Related articles", "Truce talks stall",
                      "Aid convoy reaches city", BODY2, BODY3])
    result = clean(text)
    assert "Truce talks stall" not in result.body
    assert result.body == f"{BODY}\n\n{BODY2}\n\n{BODY3}"


def test_a_body_printed_twice_keeps_one_copy() -> None:
    long_paragraph = f"{BODY} {BODY2}"
    result = clean(f"Shelling kills twelve\n{long_paragraph}\n{BODY3}\n{long_paragraph}")
    assert result.body == f"{long_paragraph}\n\n{BODY3}"
    assert [line.reason for line in result.removed] == ["repeated-paragraph"]


DEBRIS = [
    "Share", "Photo: AP", "Comments (4)", "Add a comment", "We use cookies. Accept",
    "שתף בפייסבוק", "Related articles", "By Staff Reporter", "Published: 17 March 2016 09:40 GMT",
    "Smoke rises over the city", "Home > World > Middle East", "Subscribe to our newsletter",
]


@given(st.lists(st.sampled_from([BODY, BODY2, BODY3, *DEBRIS]), min_size=1, max_size=25))
def test_no_line_is_lost(lines: list[str]) -> None:
    """Every input line ends up in the body, the headline or standfirst, or `removed`."""
    result = clean("\n".join(lines))
    kept = result.body.split("\n\n") if result.body else []
    accounted = (len(kept) + len(result.removed) + (result.headline is not None)
                 + (result.standfirst is not None))
    assert accounted == len(lines)
    for line in kept:
        assert line in lines
