"""Analyst review in the web app, in a real browser against a real server that may write: a copy of
the demo store served with a review token (and the demo store itself served read-only).

What an analyst would check by hand: the token is asked for once and kept in the tab only;
confirming, editing and rejecting an event show at once in the panel, on the map and in the list,
with the machine's values beside the edited ones; split and merge change the number of events;
the audit log tells who did what; a wrong token and a read-only server say so in the panel.
Screenshots go to test-artifacts/web/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import copy_store
from .serving import serve
from .test_web import DESKTOP, Tab, status_counts

TOKEN = "s3cret-review-token"
REVIEWER = "Ann Analyst"


@pytest.fixture(scope="module")
def review_site(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the demo store, served with a review token: the tests here change it."""
    db = copy_store(demo_db, tmp_path_factory.mktemp("review"))
    with serve(db, review_token=TOKEN) as base:
        yield base


@pytest.fixture(scope="module")
def api(review_site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=review_site, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def picks(api: httpx.Client) -> dict[str, dict]:
    """A different event for each test, chosen before any of them changes the store."""
    events = api.get("/api/events", params={"limit": 1000}).json()["events"]
    placed = [e for e in events if e["latitude"] is not None and e["review_status"] is None]
    several = sorted((e for e in placed if e["source_count"] >= 3), key=lambda e: e["event_id"])
    assert several, "the demo store has no event with three reports"
    split = several[0]
    rest = [e for e in placed if e["event_id"] != split["event_id"]]
    assert len(rest) >= 5
    return {"split": split, "confirm": rest[0], "edit": rest[1], "reject": rest[2],
            "wrong": rest[3], "readonly": rest[4]}


@pytest.fixture()
def tab(browser) -> Iterator[Tab]:
    opened = Tab(browser, DESKTOP)
    yield opened
    opened.close()


def sign_in(tab: Tab, token: str = TOKEN, reviewer: str = REVIEWER, refused: bool = False,
            ) -> None:
    """Gives the name and token in the panel's form, from the keyboard; when `refused`, the
    form must say why instead of offering the actions."""
    page = tab.page
    page.wait_for_selector("#detail[data-view=event] form.review-signin")
    assert page.get_attribute("label[for=review-token]", "for") == "review-token"
    page.focus("#review-name")
    page.keyboard.type(reviewer)
    page.keyboard.press("Tab")
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    if refused:
        page.wait_for_selector("#detail form.review-signin .review-error:not(:empty)")
        return
    page.wait_for_selector("#detail .review-actions button[data-action=confirm]", timeout=10000)


def open_event(tab: Tab, base: str, event_id: str) -> object:
    page = tab.open(f"{base}/?event={event_id}")
    page.wait_for_selector(f"#detail[data-view=event] .event-id code:text-is('{event_id}')")
    return page


def badge(page) -> str:
    return (page.text_content("#detail .review-badge") or "").strip()


# ---------------------------------------------------------------------------------------------


def test_confirm_from_the_keyboard(tab: Tab, review_site: str, api: httpx.Client, picks: dict) -> None:
    event_id = picks["confirm"]["event_id"]
    page = open_event(tab, review_site, event_id)
    assert page.locator("#detail .review-badge").count() == 0
    tab.shot("review-sign-in")
    sign_in(tab)
    # The token is kept in this tab's sessionStorage only.
    stored = tab.value("sessionStorage.getItem('frontlines.review')")
    assert TOKEN in stored and REVIEWER in stored
    assert tab.value("localStorage.length") == 0
    assert TOKEN not in page.url
    # Comment, then Tab to Confirm and Enter.
    page.focus("#review-comment")
    page.keyboard.type("checked against the outlet's own report <b>twice</b>")
    page.keyboard.press("Tab")
    assert tab.value("document.activeElement.dataset.action") == "confirm"
    with page.expect_request(lambda r: r.url.endswith(f"/api/events/{event_id}/review")) as sent:
        page.keyboard.press("Enter")
    assert sent.value.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.value.post_data_json == {"action": "confirm", "reviewer": REVIEWER,
                                         "comment": "checked against the outlet's own report <b>twice</b>"}
    tab.wait_until("(document.querySelector('#detail .review-badge') || {}).textContent === "
                   f"'Confirmed by {REVIEWER}'")
    assert page.text_content("#detail .review-note") == "Confirmed."
    assert "confirmed" in page.text_content("#detail dd[data-key=review]")
    # The audit log has the row, and the panel shows it.
    log = api.get("/api/reviews", params={"event_id": event_id}).json()
    assert [(r["action"], r["reviewer"], r["comment"]) for r in log] == [
        ("confirm", REVIEWER, "checked against the outlet's own report <b>twice</b>")]
    page.wait_for_selector("#detail .audit-log li[data-action=confirm]")
    entry = page.text_content("#detail .audit-log li[data-action=confirm]")
    assert REVIEWER in entry and "status: — → confirmed" in entry and "report <b>twice</b>" in entry
    # The comment is shown as text, in the status line and the log.
    assert "<b>twice</b>" in page.text_content("#detail .review-status")
    assert page.locator("#detail b").count() == 0
    # Focus stayed in the review section, so the keyboard user is where they were.
    assert tab.value("document.activeElement.id") == "review-heading"
    assert tab.errors == []
    tab.shot("review-confirmed")


def test_edit_shows_the_reviewed_and_the_machine_values(tab: Tab, review_site: str, api: httpx.Client,
                                                        picks: dict) -> None:
    event = picks["edit"]
    event_id, before = event["event_id"], event["fatalities"]
    after = before + 7
    new_sub = "Air/drone strike" if event["sub_event_type"] != "Air/drone strike" else "Armed clash"
    new_type = "Explosions/Remote violence" if new_sub == "Air/drone strike" else "Battles"
    page = open_event(tab, review_site, event_id)
    sign_in(tab)
    page.click("#detail .review-edit summary")
    # The form is filled with the event's values.
    assert page.input_value("#review-fatalities") == str(before)
    assert page.input_value("#review-sub_event_type") == event["sub_event_type"]
    assert page.input_value("#review-actor1") == (event["actor1"] or "")
    assert page.locator("#review-sub_event_type option").count() == 25
    assert page.locator("#review-sub_event_type optgroup").count() == 6
    # Nothing changed: nothing is sent.
    page.click("#detail .review-edit-form button[type=submit]")
    assert "Nothing was changed" in page.text_content("#detail .review-error")
    page.fill("#review-fatalities", str(after))
    page.select_option("#review-sub_event_type", new_sub)
    with page.expect_request(lambda r: r.url.endswith(f"/api/events/{event_id}/review")) as sent:
        page.click("#detail .review-edit-form button[type=submit]")
    # Only the changed fields go, the type with its sub-type.
    assert sent.value.post_data_json["fields"] == {"fatalities": after, "event_type": new_type,
                                                   "sub_event_type": new_sub}
    tab.wait_until("(document.querySelector('#detail .review-badge') || {}).textContent === "
                   f"'Edited by {REVIEWER}'")
    fatalities = page.locator("#detail dd[data-key=fatalities]")
    assert fatalities.locator(".value").text_content().split()[0] == str(after)
    assert fatalities.locator(".machine-value").text_content().endswith(f"machine: {before}")
    assert page.locator("#detail dd[data-key=sub_event_type] .value").text_content() == new_sub
    assert page.locator("#detail dd[data-key=sub_event_type] .machine-value").text_content().endswith(
        f"machine: {event['sub_event_type']}")
    assert page.text_content("#detail h2") == new_sub
    # The map's columns and the list were fetched again.
    tab.wait_until(f"(window.frontlines.mapEvent('{event_id}') || {{}}).fatalities === {after}")
    assert tab.value(f"window.frontlines.mapEvent('{event_id}').type") == new_type
    item = page.locator(f"#event-list button[data-event-id='{event_id}']")
    tab.wait_until(f"(document.querySelector(\"#event-list button[data-event-id='{event_id}'] .item-sub\")"
                   f" || {{}}).textContent?.includes('{after} killed')")
    assert new_sub in item.text_content()
    detail = api.get(f"/api/events/{event_id}").json()
    assert detail["fatalities"] == after and detail["machine"]["fatalities"] == before
    entry = page.text_content("#detail .audit-log li[data-action=edit]")
    assert f"fatalities: {before} → {after}" in entry
    assert tab.errors == []
    tab.shot("review-edited")


def test_reject_takes_the_event_off_the_map(tab: Tab, review_site: str, api: httpx.Client,
                                            picks: dict) -> None:
    event_id = picks["reject"]["event_id"]
    total = api.get("/api/map").json()["count"]
    page = open_event(tab, review_site, event_id)
    assert status_counts(page) == (total, total)
    assert tab.value(f"window.frontlines.mapEvent('{event_id}') !== null")
    sign_in(tab)
    page.click("#detail button[data-action=reject]")
    tab.wait_until(f"window.frontlines.totalCount() === {total - 1}")
    tab.wait_until("(document.querySelector('#detail .review-badge') || {}).textContent === "
                   f"'Rejected by {REVIEWER}'")
    assert status_counts(page) == (total - 1, total - 1)
    assert tab.value(f"window.frontlines.mapEvent('{event_id}')") is None
    page.wait_for_selector("#list-note")
    tab.wait_until(f"!document.querySelector(\"#event-list button[data-event-id='{event_id}']\")")
    assert api.get("/api/map").json()["count"] == total - 1
    assert tab.errors == []


def test_a_wrong_token_is_shown_in_the_panel(tab: Tab, review_site: str, api: httpx.Client,
                                             picks: dict) -> None:
    event_id = picks["wrong"]["event_id"]
    answer = api.post(f"/api/events/{event_id}/review", json={"action": "confirm", "reviewer": "x"},
                      headers={"Authorization": "Bearer nope"})
    assert answer.status_code == 403
    message = answer.json()["error"]["message"]
    page = open_event(tab, review_site, event_id)
    # The form checks the token with the server before it offers any action.
    sign_in(tab, token="not-the-token", refused=True)
    assert page.text_content("#detail form.review-signin .review-error") == message == \
        "wrong review token"
    assert page.locator("#detail button[data-action=confirm]").count() == 0
    assert tab.value("sessionStorage.getItem('frontlines.review')") is None
    tab.shot("review-wrong-token")
    # The right token then opens the actions, and signing out asks for the token anew.
    page.fill("#review-token", TOKEN)
    page.press("#review-token", "Enter")
    page.wait_for_selector("#detail .review-actions button[data-action=confirm]")
    assert page.locator("#detail .review-badge").count() == 0
    assert api.get("/api/reviews", params={"event_id": event_id}).json() == []
    page.click("#detail .review-as button")
    page.wait_for_selector("#detail form.review-signin")
    assert tab.value("sessionStorage.getItem('frontlines.review')") is None


def test_split_and_merge_change_the_event_count(tab: Tab, review_site: str, api: httpx.Client,
                                                picks: dict) -> None:
    event = picks["split"]
    event_id = event["event_id"]
    total = api.get("/api/map").json()["count"]
    page = open_event(tab, review_site, event_id)
    # No token: no checkboxes.
    assert page.locator("#detail .split-box").count() == 0
    sign_in(tab)
    boxes = page.locator("#detail table.sources .split-box")
    assert boxes.count() == event["source_count"] >= 3
    split = page.locator("#detail #split")
    assert split.is_disabled()
    for k in range(boxes.count()):
        boxes.nth(k).check()
    assert split.is_disabled(), "a split must leave the event a report"
    boxes.nth(0).uncheck()
    boxes.nth(1).uncheck()
    assert split.is_enabled()
    moving = page.eval_on_selector_all("#detail .split-box:checked",
                                       "bs => bs.map(b => [b.dataset.article, Number(b.dataset.number)])")
    assert len(moving) == event["source_count"] - 2
    split.click()
    tab.wait_until(f"window.frontlines.totalCount() === {total + 1}")
    assert status_counts(page) == (total + 1, total + 1)
    page.wait_for_selector("#detail .review-note button")
    note = page.text_content("#detail .review-note")
    new_id = next(word.rstrip(".") for word in note.split() if word.startswith("ev-"))
    assert new_id != event_id
    assert tab.value(f"window.frontlines.mapEvent('{new_id}') !== null")
    # The event kept the other reports; the new one has the moved ones.
    tab.wait_until("document.querySelectorAll('#detail .split-box').length === 2")
    new = api.get(f"/api/events/{new_id}").json()
    assert sorted([m["article_id"], m["number"]] for m in new["mentions"]) == sorted(moving)
    page.wait_for_selector("#detail .audit-log li[data-action=split]")
    tab.shot("review-split")
    # Merge the new event back into this one: one event fewer, and this one keeps its id.
    page.fill("#merge-id", new_id)
    with page.expect_request(lambda r: r.url.endswith("/api/events/merge")) as sent:
        page.press("#merge-id", "Enter")
    assert sent.value.post_data_json["event_ids"] == [event_id, new_id]
    tab.wait_until(f"window.frontlines.totalCount() === {total}")
    assert status_counts(page) == (total, total)
    assert tab.value(f"window.frontlines.mapEvent('{new_id}')") is None
    tab.wait_until(f"document.querySelectorAll('#detail .split-box').length === {event['source_count']}")
    assert page.text_content("#detail .event-id code") == event_id
    page.wait_for_selector("#detail .audit-log li[data-action=merge]")
    assert [r["action"] for r in api.get("/api/reviews", params={"event_id": event_id}).json()] == [
        "split", "merge"]
    # Merging in an event that does not exist says why.
    page.fill("#merge-id", "ev-0000000000000000")
    page.click("#detail .review-merge button[type=submit]")
    page.wait_for_selector("#detail .review-error:not(:empty)")
    assert "ev-0000000000000000" in page.text_content("#detail .review-error")
    assert tab.value("window.frontlines.totalCount()") == total
    assert tab.errors == [] or all("404" in e for e in tab.errors), tab.errors
    tab.shot("review-merged")


def test_a_read_only_server_says_so(browser, demo_db: Path, picks: dict) -> None:
    event_id = picks["readonly"]["event_id"]
    with serve(demo_db) as base, httpx.Client(base_url=base) as client:
        answer = client.post(f"/api/events/{event_id}/review", json={"action": "reject", "reviewer": "x"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "read_only"
        opened = Tab(browser, DESKTOP)
        try:
            page = open_event(opened, base, event_id)
            sign_in(opened, refused=True)
            assert "read-only" in page.text_content("#detail form.review-signin .review-error")
            assert page.locator("#detail button[data-action=reject]").count() == 0
            assert client.get("/api/reviews").json() == []
            opened.shot("review-read-only")
        finally:
            opened.close()
