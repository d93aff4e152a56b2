// The view lives in the URL so that a link reproduces it:
//   ?mode=control            the control map (default: events)
//   &type=Battles&type=Riots event types shown (absent: all; type= alone: none)
//   &actor=…&country=SYR&contested=1
//   &from=2024-01-01&to=2024-01-31   the timeline's brush
//   &event=<id>              the event in the detail panel
//   &at=2024-03-01           the control map's date
//   &map=<zoom>/<lat>/<lon>  the map view
//   #/article/<id>           the article view
import { EVENT_TYPES } from "./colors.js";
import { isoToDay } from "./dates.js";

export function readState(location = window.location) {
  const q = new URLSearchParams(location.search);
  const typesGiven = q.has("type");
  const types = typesGiven ? q.getAll("type").filter((t) => EVENT_TYPES.includes(t)) : [...EVENT_TYPES];
  const view = (q.get("map") || "").split("/").map(Number);
  return {
    mode: q.get("mode") === "control" ? "control" : "events",
    types,
    actor: q.get("actor") || "",
    country: q.get("country") || "",
    contested: q.get("contested") === "1" || q.get("contested") === "true",
    from: isoToDay(q.get("from")),
    to: isoToDay(q.get("to")),
    event: q.get("event") || null,
    at: q.get("at") || null,
    view: view.length === 3 && view.every(Number.isFinite) ? { zoom: view[0], lat: view[1], lon: view[2] } : null,
    article: articleFromHash(location.hash),
  };
}

export function articleFromHash(hash) {
  const match = /^#\/article\/(.+)$/.exec(hash || "");
  return match ? decodeURIComponent(match[1]) : null;
}

/** The query string for a state; dates as ISO (`fromIso`/`toIso` given by the caller). */
export function stateQuery(state) {
  const q = new URLSearchParams();
  if (state.mode === "control") q.set("mode", "control");
  const allTypes = state.types.length === EVENT_TYPES.length;
  if (!allTypes) {
    if (state.types.length) state.types.forEach((t) => q.append("type", t));
    else q.set("type", "");
  }
  if (state.actor) q.set("actor", state.actor);
  if (state.country) q.set("country", state.country);
  if (state.contested) q.set("contested", "1");
  if (state.fromIso) q.set("from", state.fromIso);
  if (state.toIso) q.set("to", state.toIso);
  if (state.event) q.set("event", state.event);
  if (state.at) q.set("at", state.at);
  if (state.view) {
    const { zoom, lat, lon } = state.view;
    q.set("map", `${zoom}/${lat.toFixed(4)}/${lon.toFixed(4)}`);
  }
  // "/" needs no escaping in a query string; left as it is, the map view stays readable.
  const text = q.toString().replace(/%2F/g, "/");
  return text ? "?" + text : "";
}

/** Rewrites the address bar (no new history entry; the hash is left as it is). */
export function writeState(state) {
  const url = window.location.pathname + stateQuery(state) + window.location.hash;
  if (url !== window.location.pathname + window.location.search + window.location.hash) {
    history.replaceState(null, "", url);
  }
}
