// Analyst review in the event detail panel (docs/api.md, "Review"): confirm, reject or edit an
// event, split reports off it or merge another event into it, and its audit log.
// The review token is kept in this tab's sessionStorage only: never in the URL or localStorage.
import { count, el, fill } from "./dom.js";
import { getJson, postJson } from "./api.js";
import { EVENT_TYPES } from "./colors.js";

// ACLED's 25 sub-event types, by event type (src/frontlines/data/event_types.json).
export const SUB_EVENT_TYPES = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};

// The fields the edit form offers: [name, label, input kind].
const EDIT_FIELDS = [
  ["event_date", "Date", "date"],
  ["sub_event_type", "Event type / sub-event type", "type"],
  ["actor1", "Actor 1", "text"],
  ["actor2", "Actor 2", "text"],
  ["location", "Location", "text"],
  ["fatalities", "Fatalities", "number"],
  ["notes", "Notes", "textarea"],
];

const STORE_KEY = "frontlines.review";

/** The reviewer's name and token for this tab, or null. */
export function credentials() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
    return saved && saved.token ? saved : null;
  } catch {
    return null;
  }
}

function saveCredentials(value) {
  try {
    if (value) sessionStorage.setItem(STORE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORE_KEY);
  } catch {
    // Storage refused (private mode): the token lasts until the panel is redrawn.
  }
}

const STATUS_WORDS = { confirmed: "Confirmed", edited: "Edited", rejected: "Rejected" };

/** "Edited by Ann", "Confirmed", … for an event's review, or null when not reviewed. */
export function reviewLabel(event) {
  const status = (event.review && event.review.status) || event.review_status;
  if (!status) return null;
  const word = STATUS_WORDS[status] || status;
  const who = event.review && event.review.reviewer;
  return who ? `${word} by ${who}` : word;
}

export function shortTime(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? String(iso || "") : time.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

const shown = (value) => {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(shown).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
};

// What one audit-log row changed, as lines of text.
function changeLines(entry) {
  const before = entry.before || {};
  const after = entry.after || {};
  if (entry.action === "merge") return [`${shown(before.events)} → ${shown(after.event_id)}`];
  if (entry.action === "split") {
    const reports = (after.mentions || []).map((m) => (Array.isArray(m) ? `${m[0]} #${m[1]}` : shown(m)));
    return [`${count(reports.length, "report")} (${reports.join(", ")}) → new event ${shown(after.event_id)}`];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.map((key) => `${key === "review_status" ? "status" : key}: ${shown(before[key])} → ${shown(after[key])}`);
}

function auditList(entries) {
  if (!entries.length) return el("p", { class: "empty", text: "No review yet." });
  return el("ol", { class: "audit-log" }, entries.map((entry) => el("li", { "data-action": entry.action },
    el("p", { class: "audit-head" },
      el("strong", { text: entry.action }), " by ", el("span", { class: "audit-who", text: shown(entry.reviewer) }), " · ",
      el("time", { datetime: entry.reviewed_at, text: shortTime(entry.reviewed_at) })),
    el("ul", { class: "audit-changes" }, changeLines(entry).map((line) => el("li", { text: line }))),
    entry.comment ? el("p", { class: "audit-comment" }, el("q", { text: entry.comment })) : null)));
}

function typeSelect(event) {
  const select = el("select", { id: "review-sub_event_type", name: "sub_event_type" },
    EVENT_TYPES.map((type) => el("optgroup", { label: type },
      SUB_EVENT_TYPES[type].map((sub) => el("option", { value: sub, "data-type": type, text: sub })))));
  // A pair the list does not know still shows as the current value.
  if (event.sub_event_type && !SUB_EVENT_TYPES[event.event_type]?.includes(event.sub_event_type)) {
    select.prepend(el("option", { value: event.sub_event_type, "data-type": event.event_type || "", text: event.sub_event_type }));
  }
  select.value = event.sub_event_type || "";
  return select;
}

const initial = (event, name) => (event[name] === null || event[name] === undefined ? "" : String(event[name]));

function editInput(event, name, kind) {
  const id = "review-" + name;
  const value = initial(event, name);
  if (kind === "type") return typeSelect(event);
  if (kind === "textarea") return el("textarea", { id, name, rows: 3, maxlength: 500, text: value });
  if (kind === "number") return el("input", { id, name, type: "number", min: 0, step: 1, inputmode: "numeric", value });
  return el("input", { id, name, type: kind, value, maxlength: kind === "text" ? 500 : null, autocomplete: "off" });
}

/** The edited fields of the form: only those whose value changed, typed as the API wants. */
export function changedFields(event, form) {
  const fields = {};
  for (const [name, , kind] of EDIT_FIELDS) {
    const input = form.elements[name];
    const raw = kind === "date" || kind === "type" ? input.value : input.value.trim();
    if (raw === initial(event, name)) continue;
    if (kind === "type") {
      fields.event_type = input.selectedOptions[0].dataset.type;
      fields.sub_event_type = raw;
    } else if (kind === "number") {
      fields[name] = raw === "" ? null : Number(raw);
    } else if (name === "notes" && raw === "") {
      throw new Error("Notes cannot be emptied: write what happened instead.");
    } else {
      fields[name] = raw === "" ? null : raw;
    }
  }
  return fields;
}

/**
 * The review controls for an event.
 * @param event the event detail
 * @param hooks {done(eventId, notice): an action succeeded (redraw the event and the map);
 *   redraw(): the token changed; open(id): show another event; notice: a message to show}
 * @returns {section, selectCell(source), splitBar}: the Review section, a checkbox cell for a
 *   row of the sources table (or null), and the split button that goes under that table
 */
export function reviewTools(event, { done, redraw, open, notice = null }) {
  const who = credentials();
  const alert = el("p", { class: "review-error", role: "alert" });
  const note = el("p", { class: "review-note", role: "status" },
    notice ? notice.text : null,
    notice && notice.newEventId
      ? [" ", el("button", { type: "button", class: "linklike", onclick: () => open(notice.newEventId), text: "Open the new event" })]
      : null);
  const audit = el("div", { class: "audit", "aria-busy": "true" }, el("p", { class: "empty", text: "Loading the review history…" }));
  const history = el("section", { class: "audit-section", "aria-labelledby": "audit-heading" },
    el("h4", { id: "audit-heading", text: "Review history" }), audit);
  getJson("reviews", { event_id: event.event_id }).then(
    (entries) => fill(audit, auditList(entries)),
    (err) => fill(audit, el("p", { class: "empty", text: `The history did not load: ${err.message}` })),
  ).finally(() => audit.removeAttribute("aria-busy"));

  const heading = el("h3", { id: "review-heading", tabindex: -1, text: "Review" });
  if (!who) {
    return { section: el("section", { class: "review-tools", "aria-labelledby": "review-heading" },
      heading, signInForm(redraw), history), selectCell: () => null, splitBar: null };
  }

  const section = el("section", { class: "review-tools", "aria-labelledby": "review-heading" });
  let splitBar = null;
  const busy = (on) => {
    if (on) section.setAttribute("aria-busy", "true");
    else section.removeAttribute("aria-busy");
    const controls = [...section.querySelectorAll("button, input, select, textarea"), ...(splitBar ? splitBar.querySelectorAll("button") : [])];
    for (const control of controls) {
      if (on) control.dataset.wasDisabled = control.disabled ? "1" : "";
      control.disabled = on || control.dataset.wasDisabled === "1";
    }
  };
  // Runs one API call; on success the event and the map are redrawn, on failure the API's
  // message is shown in the panel.
  async function act(call, noticeOf) {
    alert.textContent = "";
    note.textContent = "";
    busy(true);
    let answer;
    try {
      answer = await call();
    } catch (err) {
      busy(false);
      alert.textContent = err.message || String(err);
      return;
    }
    await done(event.event_id, noticeOf(answer));
    if (section.isConnected) busy(false);
  }
  const comment = () => {
    const text = section.querySelector("#review-comment").value.trim();
    return text || null;
  };
  const review = (action, fields, noticeText) => act(
    () => postJson(`events/${encodeURIComponent(event.event_id)}/review`,
      { action, reviewer: who.reviewer, ...(fields ? { fields } : {}), comment: comment() }, { token: who.token }),
    () => ({ text: noticeText }));

  const form = el("form", { class: "review-edit-form", novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    let fields;
    try {
      fields = changedFields(event, form);
    } catch (err) {
      alert.textContent = err.message;
      return;
    }
    const names = Object.keys(fields).filter((k) => k !== "event_type" || !("sub_event_type" in fields));
    if (!names.length) {
      alert.textContent = "Nothing was changed: edit a field first.";
      return;
    }
    review("edit", fields, `Saved: ${names.join(", ")}.`);
  } },
  EDIT_FIELDS.map(([name, label, kind]) => el("div", { class: "form-row" },
    el("label", { for: "review-" + name, text: label }), editInput(event, name, kind))),
  el("button", { type: "submit", class: "primary" }, "Save edits"));

  const mergeInput = el("input", { id: "merge-id", name: "merge", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "ev-…" });
  const merge = el("form", { class: "review-merge", onsubmit: (e) => {
    e.preventDefault();
    const other = mergeInput.value.trim();
    if (!other || other === event.event_id) {
      alert.textContent = other ? "That is this event: give another event's id." : "Give the id of the event to merge into this one.";
      mergeInput.focus();
      return;
    }
    act(() => postJson("events/merge", { event_ids: [event.event_id, other], reviewer: who.reviewer, comment: comment() }, { token: who.token }),
      () => ({ text: `Merged ${other} into this event.` }));
  } },
  el("label", { for: "merge-id", text: "Merge another event into this one (its id)" }),
  el("div", { class: "inline" }, mergeInput, el("button", { type: "submit" }, "Merge into this event")));

  fill(section,
    heading,
    el("p", { class: "review-as" }, "Reviewing as ", el("strong", { text: who.reviewer }), " ",
      el("button", { type: "button", class: "linklike", onclick: () => {
        saveCredentials(null);
        redraw();
      } }, "Sign out (forget the token)")),
    alert,
    note,
    el("label", { for: "review-comment", text: "Comment (optional, kept with any action)" }),
    el("textarea", { id: "review-comment", rows: 2, maxlength: 5000 }),
    el("div", { class: "review-actions" },
      el("button", { type: "button", class: "primary", "data-action": "confirm", onclick: () => review("confirm", null, "Confirmed.") }, "Confirm"),
      el("button", { type: "button", class: "danger", "data-action": "reject", onclick: () => review("reject", null, "Rejected: hidden from the map, lists and stats.") }, "Reject")),
    el("details", { class: "review-edit" }, el("summary", { text: "Edit fields" }), form),
    merge,
    history);

  // Split: a checkbox on each report of the sources table, and a button under it.
  const sources = event.sources || [];
  const splittable = sources.length > 1;
  const boxes = [];
  const hint = el("span", { id: "split-hint", class: "hint", text: "Select at least one report, and leave at least one." });
  const splitButton = el("button", { type: "button", id: "split", disabled: true, "aria-describedby": "split-hint", onclick: () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => ({ article_id: b.dataset.article, number: Number(b.dataset.number) }));
    act(() => postJson(`events/${encodeURIComponent(event.event_id)}/split`, { mentions: chosen, reviewer: who.reviewer, comment: comment() }, { token: who.token }),
      (answer) => ({ text: `Split ${count(chosen.length, "report")} into event ${answer.event_id}.`, newEventId: answer.event_id }));
  } }, "Split selected reports into a new event");
  const updateSplit = () => {
    const n = boxes.filter((b) => b.checked).length;
    splitButton.disabled = !(n >= 1 && n < boxes.length);
  };
  const selectCell = (source) => {
    if (!splittable) return null;
    const box = el("input", { type: "checkbox", class: "split-box", "data-article": source.article_id, "data-number": source.number,
      "aria-label": `Select the report by ${source.outlet || "an unknown outlet"}${source.published ? ", " + source.published : ""}`,
      onchange: updateSplit });
    boxes.push(box);
    return el("td", {}, box);
  };
  splitBar = splittable ? el("div", { class: "split-bar" }, splitButton, " ", hint) : null;
  return { section, selectCell, splitBar };
}

function signInForm(redraw) {
  const form = el("form", { class: "review-signin", autocomplete: "off", onsubmit: async (e) => {
    e.preventDefault();
    const reviewer = form.elements.reviewer.value.trim();
    const token = form.elements.token.value.trim();
    const problem = form.querySelector(".review-error");
    if (!reviewer || !token) {
      problem.textContent = "Give your name and the review token.";
      (reviewer ? form.elements.token : form.elements.reviewer).focus();
      return;
    }
    // The server says whether it takes reviews and whether this token is its own, before any
    // action is offered (the check changes nothing).
    let status;
    try {
      status = await getJson("review/status", {}, { token });
    } catch (err) {
      problem.textContent = err.message;
      return;
    }
    if (!status.writable) {
      problem.textContent = "This server is read-only: it was started without a review token, so it takes no reviews.";
      return;
    }
    if (!status.authorised) {
      problem.textContent = "wrong review token";
      form.elements.token.focus();
      return;
    }
    saveCredentials({ reviewer, token });
    redraw();
  } },
  el("p", { class: "hint", text: "To confirm, edit, reject, split or merge events, give your name and the server's review token. They are kept in this tab only." }),
  el("p", { class: "review-error", role: "alert" }),
  el("div", { class: "form-row" }, el("label", { for: "review-name", text: "Your name" }),
    el("input", { id: "review-name", name: "reviewer", type: "text", maxlength: 200, autocomplete: "name" })),
  el("div", { class: "form-row" }, el("label", { for: "review-token", text: "Review token" }),
    el("input", { id: "review-token", name: "token", type: "password", autocomplete: "off" })),
  el("button", { type: "submit" }, "Start reviewing"));
  return form;
}
