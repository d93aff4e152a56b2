// frontlines' web app: wires the map, the timeline, the filters, the list and the detail panel
// to the REST API and keeps the view in the URL.
import "./app.css";
import L from "leaflet";
import { $, count, debounce, el, fill } from "./dom.js";
import { getJson, isAbort, latestOnly } from "./api.js";
import { EVENT_TYPES, typeColor } from "./colors.js";
import { dayLabel, dayToIso } from "./dates.js";
import { addBasemap } from "./basemap.js";
import { EventsLayer, MAX_ZOOM } from "./events-layer.js";
import { Timeline } from "./timeline.js";
import { ControlView } from "./control.js";
import { showArticle, showEvent, showMessage } from "./detail.js";
import { reviewTools } from "./review.js";
import { articleFromHash, readState, writeState } from "./state.js";

const LIST_LIMIT = 200;
const state = readState();

// ---------------------------------------------------------------------------------------------
// Errors and status

// One error is shown at a time. `source` names what failed, so that a later success of the
// same thing clears it, while another part's success leaves it on screen.
let errorSource = null;

function showError(err, source = "other") {
  if (isAbort(err)) return;
  $("#error-text").textContent = err && err.message ? err.message : String(err);
  $("#error").hidden = false;
  errorSource = source;
}

function clearError(source = null) {
  if (source && source !== errorSource) return;
  $("#error").hidden = true;
  errorSource = null;
}

$("#error-close").addEventListener("click", () => clearError());

const status = (text) => {
  $("#status").textContent = text;
};

// ---------------------------------------------------------------------------------------------
// The map

const map = L.map("map", {
  minZoom: 1,
  maxZoom: MAX_ZOOM,
  worldCopyJump: false,
  maxBounds: [[-89, -220], [89, 220]],
  maxBoundsViscosity: 0.7,
  attributionControl: false,
  preferCanvas: true,
  zoomSnap: 1,
});
L.control.attribution({ prefix: false }).addAttribution("Countries: Natural Earth").addTo(map);
if (state.view) map.setView([state.view.lat, state.view.lon], state.view.zoom);
else map.setView([25, 20], 2);

const basemapReady = addBasemap(map, new URL("static/basemap.json", document.baseURI).toString()).catch((err) =>
  showError(new Error(`The basemap did not load: ${err.message}`)));

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => el("div", { class: "map-legend", "aria-hidden": "true" },
  EVENT_TYPES.map((type) => el("div", {}, el("span", { class: "swatch", style: `background:${typeColor(type)}` }), type)));
legend.addTo(map);

// ---------------------------------------------------------------------------------------------
// Events: /api/map drawn as clusters, filtered in time by the timeline's brush

const events = new EventsLayer(map, {
  select: (id) => openEvent(id),
  cluster: (indices) => showClusterList(indices),
});

// Re-clustering takes ~0.1 s for 10k points and a few tenths for 100k: while a drag goes on it
// is done at most once a frame and only for smaller sets; it is always done when the drag ends.
const LIVE_BRUSH_LIMIT = 20000;
let pendingRange = 0;

function applyRange() {
  cancelAnimationFrame(pendingRange);
  pendingRange = 0;
  events.setRange(state.from, state.to);
  updateStatus();
}

const timeline = new Timeline($("#timeline"), (from, to, final) => {
  state.from = from;
  state.to = to;
  updateBrushLabel();
  if (final) {
    applyRange();
    saveUrl();
    refreshList();
  } else if (events.loaded && events.data.count <= LIVE_BRUSH_LIMIT && !pendingRange) {
    pendingRange = requestAnimationFrame(applyRange);
  }
});

function updateBrushLabel() {
  const text = timeline.describe();
  $("#brush-label").textContent = text || "All dates";
  $("#brush-clear").hidden = !text;
}

$("#brush-clear").addEventListener("click", () => timeline.clear());

function filterParams() {
  return {
    event_type: state.types.length === EVENT_TYPES.length ? [] : state.types,
    actor: state.actor,
    country: state.country,
    contested: state.contested ? "true" : "",
  };
}

function dateParams() {
  const [from, to] = timeline.isoRange();
  return { date_from: from, date_to: to };
}

const fetchMap = latestOnly("map");
const EMPTY = { count: 0, truncated: false, types: EVENT_TYPES, ids: [], lat: [], lon: [], day: [], type: [], fatalities: [], contested: [] };
let firstLoad = true;

async function loadEvents() {
  status("Loading events…");
  let data;
  try {
    data = state.types.length ? await fetchMap(filterParams()) : EMPTY;
  } catch (err) {
    if (!isAbort(err)) {
      showError(err, "map");
      status("Events could not be loaded");
    }
    return;
  }
  clearError("map");
  performance.mark("events-fetched");
  timeline.setDays(data.day);
  timeline.setRange(state.from, state.to);
  // On first load with no view in the URL, the map moves to the events before they are
  // clustered, so they are drawn once, for the view they will be seen in.
  if (firstLoad && !state.view) {
    const bounds = dataBounds(data);
    if (bounds) map.fitBounds(bounds.pad(0.1), { maxZoom: 8, animate: false });
  }
  events.setRange(state.from, state.to);
  events.setData(data);
  updateBrushLabel();
  updateStatus();
  if (firstLoad) {
    firstLoad = false;
    recordFirstPaint();
  }
  refreshList();
}

function dataBounds({ lat, lon }) {
  let s = 90, w = 180, n = -90, e = -180;
  for (let i = 0; i < lat.length; i++) {
    if (lat[i] === null || lon[i] === null) continue;
    if (lat[i] < s) s = lat[i];
    if (lat[i] > n) n = lat[i];
    if (lon[i] < w) w = lon[i];
    if (lon[i] > e) e = lon[i];
  }
  return s <= n ? L.latLngBounds([s, w], [n, e]) : null;
}

// The moment the first events are on screen: the canvas paints on the next animation frame.
function recordFirstPaint() {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.frontlines.firstPaintMs = performance.now();
    document.documentElement.dataset.ready = "true";
  }));
}

function updateStatus() {
  if (state.mode !== "events") return;
  if (!events.loaded) return;
  const total = events.data.count;
  const shown = events.visibleCount;
  const truncated = events.data.truncated ? " (the first 200,000)" : "";
  status(shown === total ? `${count(total, "event")}${truncated}` : `${shown} of ${count(total, "event")}${truncated}`);
}

// ---------------------------------------------------------------------------------------------
// The list of events in view (/api/events with the map's bounds), keyboard accessible

const fetchList = latestOnly("events");

function bboxParam() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((v) => v.toFixed(4)).join(",");
}

const refreshList = debounce(async () => {
  if (state.mode !== "events") return;
  $("#list-title").textContent = "Events in view";
  if (!state.types.length) {
    fill($("#event-list"));
    $("#list-note").textContent = "No event type is selected.";
    return;
  }
  let page;
  try {
    page = await fetchList({ ...filterParams(), ...dateParams(), bbox: bboxParam(), limit: LIST_LIMIT, sort: "-event_date" });
  } catch (err) {
    showError(err);
    return;
  }
  const shown = page.events.length;
  $("#list-note").textContent = page.total > shown ? `The latest ${shown} of ${page.total} events in view.` : `${count(page.total, "event")} in view.`;
  fill($("#event-list"), page.events.map((event) => listItem({
    id: event.event_id,
    date: event.event_date,
    type: event.event_type,
    title: `${event.sub_event_type || event.event_type}${event.location ? " — " + event.location : ""}`,
    sub: [event.actor1, event.actor2].filter(Boolean).join(" vs ") + (event.fatalities ? ` · ${event.fatalities} killed` : ""),
    contested: event.contested,
  })));
}, 250);

function listItem({ id, date, type, title, sub, contested }) {
  return el("li", {},
    el("button", { type: "button", class: "list-item", "data-event-id": id, "aria-current": id === state.event ? "true" : null, onclick: () => openEvent(id, { focus: true }) },
      el("span", { class: "swatch", style: `background:${typeColor(type)}`, "aria-hidden": "true" }),
      el("span", { class: "item-main" }, el("span", { class: "item-date", text: date || "" }), " ", title),
      sub ? el("span", { class: "item-sub", text: sub }) : null,
      contested ? el("span", { class: "badge contested", text: "contested" }) : null));
}

// A cluster no zoom can split: its events, from the columns already loaded.
function showClusterList(indices) {
  const rows = indices.map((i) => events.row(i)).sort((a, b) => (b.day ?? -Infinity) - (a.day ?? -Infinity));
  $("#list-title").textContent = `${count(rows.length, "event")} at this place`;
  $("#list-note").replaceChildren(el("button", { type: "button", class: "small", onclick: () => refreshList() }, "Back to the events in view"));
  fill($("#event-list"), rows.slice(0, LIST_LIMIT).map((row) => listItem({
    id: row.id, date: row.day === null ? "undated" : dayToIso(row.day), type: row.type, title: row.type, sub: `${row.fatalities} killed`, contested: row.contested,
  })));
  const first = $("#event-list button");
  if (first) first.focus();
}

map.on("moveend", () => {
  const c = map.getCenter();
  state.view = { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
  saveUrl();
  refreshList();
});

// ---------------------------------------------------------------------------------------------
// Filters

function buildTypeBoxes() {
  fill($("#type-boxes"), EVENT_TYPES.map((type) => el("label", { class: "check" },
    el("input", { type: "checkbox", value: type, checked: state.types.includes(type), onchange: onTypesChanged }),
    el("span", { class: "swatch", style: `background:${typeColor(type)}`, "aria-hidden": "true" }),
    type)));
}

function onTypesChanged() {
  state.types = [...document.querySelectorAll("#type-boxes input:checked")].map((box) => box.value);
  filtersChanged();
}

function filtersChanged() {
  saveUrl();
  loadEvents();
}

const fetchActors = latestOnly("actors");
const suggestActors = debounce(async (text) => {
  let actors;
  try {
    actors = await fetchActors({ q: text });
  } catch (err) {
    showError(err);
    return;
  }
  fill($("#actor-suggestions"), actors.slice(0, 20).map((a) => el("option", { value: a.actor, label: `${a.actor} (${a.events})` })));
}, 200);

$("#actor").addEventListener("input", (e) => suggestActors(e.target.value));
$("#actor").addEventListener("change", (e) => {
  state.actor = e.target.value.trim();
  filtersChanged();
});
$("#filters").addEventListener("submit", (e) => e.preventDefault());
$("#country").addEventListener("change", (e) => {
  state.country = e.target.value;
  filtersChanged();
});
$("#contested").addEventListener("change", (e) => {
  state.contested = e.target.checked;
  filtersChanged();
});
$("#reset").addEventListener("click", () => {
  Object.assign(state, { types: [...EVENT_TYPES], actor: "", country: "", contested: false });
  syncFilterInputs();
  filtersChanged();
});

function syncFilterInputs() {
  buildTypeBoxes();
  $("#actor").value = state.actor;
  $("#country").value = state.country;
  $("#contested").checked = state.contested;
}

async function loadCountries() {
  let stats;
  try {
    stats = await getJson("stats");
  } catch (err) {
    showError(err);
    return;
  }
  // "Syria (SYR) — 40", by name, so typing a name's first letters finds it in the list.
  const names = stats.country_names || {};
  const label = (iso3) => (names[iso3] ? `${names[iso3]} (${iso3})` : iso3);
  const counts = Object.entries(stats.by_country || {}).sort((a, b) => label(a[0]).localeCompare(label(b[0])));
  fill($("#country"), el("option", { value: "" }, "All countries"),
    counts.map(([iso3, n]) => el("option", { value: iso3 }, `${label(iso3)} — ${n}`)));
  // A country from the URL that has no event still shows as chosen.
  if (state.country && !counts.some(([iso3]) => iso3 === state.country)) {
    $("#country").append(el("option", { value: state.country }, state.country));
  }
  $("#country").value = state.country;
  if (actorsEmpty()) suggestActors("");
}

const actorsEmpty = () => !$("#actor-suggestions").children.length;

// ---------------------------------------------------------------------------------------------
// The detail panel: an event, or an article (#/article/<id>)

const detail = $("#detail");

function showHint() {
  showMessage(detail, el("h2", { text: "Event detail" }),
    el("p", { text: "Click a point on the map, or choose an event in the list, to see its fields, sources and the sentences that report it." }));
}

async function openEvent(id, { focus = false, focusReview = false } = {}) {
  state.event = id;
  saveUrl();
  markCurrent();
  let event;
  try {
    event = await getJson("events/" + encodeURIComponent(id));
  } catch (err) {
    showError(err);
    return;
  }
  if (state.event !== id) return; // another event was chosen meanwhile
  if (articleFromHash(location.hash)) history.pushState(null, "", location.pathname + location.search);
  const heading = showEvent(detail, event, { onClose: closeEvent, review: reviewControls(event) });
  if (event.latitude !== null && event.latitude !== undefined) events.mark([event.latitude, event.longitude]);
  if (focusReview && $("#review-heading")) $("#review-heading").focus();
  else if (focus) {
    heading.focus();
    if (window.matchMedia("(max-width: 900px)").matches) detail.scrollIntoView({ block: "start" });
  }
}

// A review's outcome, shown once in the event's redrawn panel.
let reviewNotice = null;

function reviewControls(event) {
  const notice = reviewNotice && reviewNotice.eventId === event.event_id ? reviewNotice : null;
  reviewNotice = null;
  return reviewTools(event, {
    notice,
    // After an action the event, the map, the list and the country counts are fetched again.
    done: (eventId, message) => {
      reviewNotice = { eventId, ...message };
      return Promise.all([openEvent(eventId, { focusReview: true }), loadEvents(), loadCountries()]);
    },
    redraw: () => openEvent(event.event_id, { focusReview: true }),
    open: (id) => openEvent(id, { focus: true }),
  });
}

function closeEvent() {
  state.event = null;
  events.mark(null);
  saveUrl();
  markCurrent();
  showHint();
}

function markCurrent() {
  for (const button of document.querySelectorAll("#event-list .list-item")) {
    if (button.dataset.eventId === state.event) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
}

async function openArticle(id) {
  let article;
  try {
    article = await getJson("articles/" + encodeURIComponent(id));
  } catch (err) {
    showError(err);
    return;
  }
  const heading = showArticle(detail, article, {
    onBack: closeArticle,
    onEvent: (eventId) => openEvent(eventId, { focus: true }),
  });
  heading.focus();
}

function closeArticle() {
  history.pushState(null, "", location.pathname + location.search);
  routeHash();
}

function routeHash() {
  const article = articleFromHash(location.hash);
  if (article) openArticle(article);
  else if (state.event) openEvent(state.event);
  else showHint();
}

// Links to #/article/<id> and the Back button both change the hash.
window.addEventListener("hashchange", routeHash);

// ---------------------------------------------------------------------------------------------
// Mode: events or control

const control = new ControlView(map, {
  slider: $("#control-date"),
  label: $("#control-label"),
  legend: $("#control-legend"),
  list: $("#control-list"),
  ticks: $("#control-ticks"),
  range: $("#control-range"),
}, {
  changed: (at) => {
    state.at = at;
    if (!controlFitted && state.mode === "control") {
      controlFitted = true;
      const bounds = control.bounds();
      if (bounds) map.fitBounds(bounds.pad(0.15), { maxZoom: 7, animate: false });
    }
    saveUrl();
    if (state.mode === "control") status(`${count(control.places.length, "place")} held on ${dayLabel(control.day)}`);
  },
  error: (err) => showError(err, "control"),
  select: (id) => openEvent(id),
});

// The first time the control map opens, it shows all its places, unless the URL set a view.
let controlFitted = Boolean(state.view);

function setMode(mode) {
  state.mode = mode;
  $("#mode-events").setAttribute("aria-pressed", String(mode === "events"));
  $("#mode-control").setAttribute("aria-pressed", String(mode === "control"));
  $("#events-panel").hidden = mode !== "events";
  $("#control-panel").hidden = mode !== "control";
  $("#timeline-wrap").hidden = mode !== "events";
  document.body.dataset.mode = mode;
  map.invalidateSize();
  if (mode === "control") {
    events.group.remove();
    events.highlight.remove();
    legend.remove();
    status("Loading control…");
    control.enter(state.at);
  } else {
    control.leave();
    events.group.addTo(map);
    events.highlight.addTo(map);
    legend.addTo(map);
    updateStatus();
    refreshList();
  }
  saveUrl();
}

$("#mode-events").addEventListener("click", () => setMode("events"));
$("#mode-control").addEventListener("click", () => setMode("control"));

// ---------------------------------------------------------------------------------------------
// URL

function saveUrl() {
  const [fromIso, toIso] = timeline.isoRange();
  writeState({ ...state, fromIso, toIso });
}

// ---------------------------------------------------------------------------------------------
// Start, and what tests and the console can ask

window.frontlines = {
  firstPaintMs: null,
  drawnCount: () => events.drawn,
  visibleCount: () => events.visibleCount,
  totalCount: () => (events.loaded ? events.data.count : 0),
  mapEvent: (id) => (events.loaded && events.data.ids.includes(id) ? events.row(events.data.ids.indexOf(id)) : null),
  controlSummary: () => control.summary(),
  controlDrawn: () => control.markers.size,
  controlDate: () => control.iso,
  basemapReady,
  map,
};

syncFilterInputs();
showHint();
loadCountries();
loadEvents();
if (state.mode === "control") setMode("control");
else document.body.dataset.mode = "events";
routeHash();
