// The detail panel: one event's ACLED fields, its sources and claims, and each report's
// sentence with the evidence marked; or one article's text with every evidence span marked.
// All of it is data from the articles, so it is only ever set as text.
import { el, fill } from "./dom.js";
import { markedText } from "./highlight.js";
import { typeColor } from "./colors.js";
import { reviewLabel, shortTime } from "./review.js";

const TIME_PRECISION = { 1: "day", 2: "week", 3: "month" };
const GEO_PRECISION = { 1: "the place itself", 2: "near the place / a part of a region", 3: "a region or province" };

// What the fuser's `disagreements` names, and the field rows it concerns.
const DISAGREEMENT_FIELDS = { fatalities: ["fatalities"], actor1: ["actor1"], place: ["location"], type: ["event_type", "sub_event_type"] };

const articleHref = (id) => "#/article/" + encodeURIComponent(id);
const orDash = (value) => (value === null || value === undefined || value === "" ? "—" : String(value));

// Which of the machine's values (`machine`, for fields a reviewer edited) belong to a row.
const MACHINE_FIELDS = {
  actor1: ["actor1", "inter1"], actor2: ["actor2", "inter2"], country: ["country", "iso3"],
  coords: ["latitude", "longitude"], precision: ["time_precision", "geo_precision"],
};

const ROW_KEYS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "coords",
  "fatalities", "precision", "notes"];

function machineNote(key, machine) {
  const names = (MACHINE_FIELDS[key] || [key]).filter((name) => Object.prototype.hasOwnProperty.call(machine, name));
  if (!names.length) return null;
  const text = names.length === 1 && names[0] === key
    ? orDash(machine[key])
    : names.map((name) => `${name} ${orDash(machine[name])}`).join(", ");
  return el("span", { class: "machine-value", "data-field": key }, el("span", { class: "visually-hidden", text: "; " }), "machine: ", text);
}

function fieldRow(key, label, value, disputed, machine = {}) {
  const note = machineNote(key, machine);
  const cls = [disputed.has(key) ? "disputed" : null, note ? "edited" : null].filter(Boolean).join(" ") || null;
  return [
    el("dt", { class: cls, text: label }),
    el("dd", { class: cls, "data-key": key },
      el("span", { class: "value", text: orDash(value) }),
      note,
      disputed.has(key) ? el("span", { class: "badge contested", text: "sources disagree" }) : null),
  ];
}

function actorText(name, inter) {
  if (!name) return null;
  return inter ? `${name} (inter ${inter})` : name;
}

function fatalitiesText(event) {
  const { fatalities, fatalities_low: low, fatalities_high: high } = event;
  if (low !== undefined && high !== undefined && low !== null && high !== null && (low !== fatalities || high !== fatalities)) {
    return `${fatalities} (sources: ${low}–${high})`;
  }
  return orDash(fatalities);
}

function precisionText(event) {
  const time = TIME_PRECISION[event.time_precision] || orDash(event.time_precision);
  const geo = GEO_PRECISION[event.geo_precision] || orDash(event.geo_precision);
  return `date to the ${time}; place: ${geo}`;
}

/** The ACLED columns of an event as a definition list; an edited field shows the machine's
 * value beside the reviewer's. */
export function eventFields(event) {
  const disputed = new Set((event.disagreements || []).flatMap((d) => DISAGREEMENT_FIELDS[d] || [d]));
  const machine = event.machine && typeof event.machine === "object" ? event.machine : {};
  const coords = event.latitude !== null && event.latitude !== undefined ? `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)}` : null;
  const row = (key, label, value) => fieldRow(key, label, value, disputed, machine);
  return el("dl", { class: "fields" },
    row("event_date", "Date", event.event_date),
    row("event_type", "Event type", event.event_type),
    row("sub_event_type", "Sub-event type", event.sub_event_type),
    row("actor1", "Actor 1", actorText(event.actor1, event.inter1)),
    row("actor2", "Actor 2", actorText(event.actor2, event.inter2)),
    row("location", "Location", event.location),
    row("admin1", "Admin 1", event.admin1),
    row("country", "Country", event.country ? `${event.country}${event.iso3 ? " (" + event.iso3 + ")" : ""}` : event.iso3),
    row("coords", "Coordinates", coords),
    row("fatalities", "Fatalities", fatalitiesText(event)),
    row("precision", "Precision", precisionText(event)),
    row("notes", "Notes", event.notes),
    row("review", "Review", event.review_status || "not reviewed"),
  );
}

// `select(source)` gives a reviewer's checkbox cell for a report (or null).
function sourcesTable(sources, select = () => null) {
  if (!sources || !sources.length) return null;
  const cells = sources.map((s) => select(s));
  const selectable = cells.some(Boolean);
  return el("div", { class: "table-wrap" },
    el("table", { class: "sources" },
      el("caption", { text: `Sources (${sources.length})` }),
      el("thead", {}, el("tr", {},
        selectable ? el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Select for a split" })) : null,
        ["Outlet", "Published", "Stance", "Killed", "Report"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, sources.map((s, k) => el("tr", {},
        selectable ? cells[k] || el("td") : null,
        el("td", { text: orDash(s.outlet) }),
        el("td", { text: orDash(s.published) }),
        el("td", {}, el("span", { class: `badge stance-${String(s.stance).replace(/[^a-z]/g, "")}`, text: orDash(s.stance) })),
        el("td", { text: orDash(s.fatalities) }),
        el("td", {}, el("a", { href: articleHref(s.article_id), text: s.trigger ? `“${s.trigger}”` : "article" })),
      )))));
}

function claimsList(event) {
  const claims = event.claims || [];
  if (!claims.length) return null;
  return el("section", { class: "claims" },
    el("h3", { text: `Claims (${claims.length})` }),
    el("ul", {}, claims.map((claim) => {
      // A claim or a denial is one side's account; a plain assertion is not in dispute.
      const disputed = event.contested && claim.stance !== "asserts";
      return el("li", { class: disputed ? "claim contested" : "claim" },
        el("span", { class: `badge stance-${String(claim.stance).replace(/[^a-z]/g, "")}`, text: orDash(claim.stance) }),
        " ",
        el("strong", { text: claim.source || "the report itself" }),
        ": ",
        el("q", { text: claim.text || "" }));
    })));
}

/** Evidence inside a mention's sentence, as offsets into the sentence. */
export function sentenceSpans(mention) {
  const sentence = mention.sentence || "";
  const start = mention.sentence_start || 0;
  const end = start + [...sentence].length;
  return (mention.evidence || [])
    .filter((e) => (e.part || "text") === "text" && e.start >= start && e.end <= end && e.end > e.start)
    .map((e) => ({ start: e.start - start, end: e.end - start, field: e.field, text: e.text }));
}

function mentionItem(mention) {
  const spans = sentenceSpans(mention);
  const others = (mention.evidence || []).filter((e) => e.part && e.part !== "text");
  return el("li", { class: "mention" },
    el("p", { class: "mention-head" },
      el("strong", { text: orDash(mention.outlet) }), " · ", orDash(mention.published), " · ",
      el("a", { href: articleHref(mention.article_id), class: "article-link" }, "Read the article")),
    mention.title ? el("p", { class: "mention-title", text: mention.title }) : null,
    el("blockquote", { class: "sentence" }, markedText(mention.sentence || "", spans, { describe: (s) => s.map((x) => x.field).join(", ") })),
    spans.length ? el("p", { class: "evidence-fields" }, "Marked: ", [...new Set(spans.map((s) => s.field))].join(", ")) : null,
    others.length ? el("p", { class: "evidence-fields" }, "Also from the ", [...new Set(others.map((e) => e.part))].join(", "), ": ",
      others.map((e) => `${e.field} “${e.text}”`).join("; ")) : null,
  );
}

// The review status, where it is seen first: "Edited by Ann", when, and the comment.
function reviewBadge(event) {
  const label = reviewLabel(event);
  if (!label) return null;
  const review = event.review || {};
  const status = review.status || event.review_status;
  return el("p", { class: "review-status", "data-status": status },
    el("span", { class: `badge review-badge review-${String(status).replace(/[^a-z]/g, "")}`, text: label }),
    review.reviewed_at ? [" ", el("time", { datetime: review.reviewed_at, text: shortTime(review.reviewed_at) })] : null,
    review.comment ? [" ", el("q", { text: review.comment })] : null,
    status === "rejected" ? el("span", { class: "hint", text: " Hidden from the map, lists and stats." }) : null,
    otherEdits(event.machine));
}

// Edited fields that no row of the field list shows, with the machine's values.
function otherEdits(machine) {
  const shownKeys = new Set(ROW_KEYS.flatMap((key) => MACHINE_FIELDS[key] || [key]));
  const rest = Object.entries(machine || {}).filter(([name]) => !shownKeys.has(name));
  return rest.length
    ? el("span", { class: "hint" }, " Also edited: ", rest.map(([name, value]) => `${name} (machine: ${orDash(value)})`).join(", "))
    : null;
}

/** Fills `panel` with an event's detail; `review` is reviewTools(event)'s controls, if any. */
export function showEvent(panel, event, { onClose, review = null } = {}) {
  const heading = el("h2", { id: "detail-heading", tabindex: -1 },
    el("span", { class: "swatch", style: `background:${typeColor(event.event_type)}`, "aria-hidden": "true" }),
    `${event.sub_event_type || event.event_type || "Event"}`);
  fill(panel,
    el("div", { class: "panel-head" }, heading, el("button", { type: "button", class: "close", "aria-label": "Close event detail", onclick: onClose }, "×")),
    el("p", { class: "lede" }, `${orDash(event.location)}, ${orDash(event.country)} · ${orDash(event.event_date)}`),
    event.contested
      ? el("p", { class: "contested-note" }, el("span", { class: "badge contested", text: "contested" }),
        (event.disagreements || []).length ? ` Sources disagree on: ${event.disagreements.join(", ")}.` : " Sources contradict one another.")
      : null,
    reviewBadge(event),
    eventFields(event),
    review ? review.section : null,
    sourcesTable(event.sources, review ? review.selectCell : undefined),
    review ? review.splitBar : null,
    claimsList(event),
    (event.mentions || []).length
      ? el("section", { class: "mentions" }, el("h3", { text: `Reports (${event.mentions.length})` }), el("ul", {}, event.mentions.map(mentionItem)))
      : null,
    el("p", { class: "event-id" }, "Event ", el("code", { text: event.event_id })),
  );
  panel.dataset.view = "event";
  delete panel.dataset.article;
  return heading;
}

/** Fills `panel` with an article's text, every evidence span marked and labelled. */
export function showArticle(panel, article, { onBack, onEvent } = {}) {
  const all = article.spans || [];
  // A span's offsets are into the text, or into the title when its part says so (a caption's
  // words are not in the text, and the view has no caption to mark them in).
  const spans = all.filter((s) => (s.part || "text") === "text");
  const titleSpans = all.filter((s) => s.part === "title");
  const eventIds = [...new Set(all.map((s) => s.event_id).filter(Boolean))];
  const describe = (list) => list.map((x) => `${x.field}${x.event_id ? " (event " + String(x.event_id).slice(0, 8) + ")" : ""}`).join(", ");
  const heading = el("h2", { id: "detail-heading", tabindex: -1 },
    markedText(article.title || "Article", titleSpans, { describe }));
  fill(panel,
    el("div", { class: "panel-head" }, heading, el("button", { type: "button", class: "close", "aria-label": "Close article", onclick: onBack }, "×")),
    el("p", { class: "lede" },
      orDash(article.source), " · ", orDash(article.published),
      article.url && /^https?:\/\//i.test(article.url) ? [" · ", el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank", text: "original" })] : null),
    eventIds.length
      ? el("p", { class: "article-events" }, "Events told here: ",
        eventIds.map((id, k) => [k ? ", " : "", el("button", { type: "button", class: "linklike", onclick: () => onEvent(id), text: id.slice(0, 12) })]))
      : null,
    el("p", { class: "legend-note", text: `${spans.length} evidence spans marked in the text${titleSpans.length ? `, ${titleSpans.length} in the title` : ""}; each is labelled with the field it supports.` }),
    el("div", { class: "article-text" }, markedText(article.text || "", spans, { describe, label: (s) => s.field })),
  );
  panel.dataset.view = "article";
  panel.dataset.article = article.id;
  return heading;
}

export function showMessage(panel, ...children) {
  fill(panel, el("div", { class: "placeholder" }, ...children));
  panel.dataset.view = "empty";
}
