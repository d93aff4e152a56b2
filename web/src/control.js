// The control map: who holds each place on a date (/api/control?at=), one marker per place
// coloured by its holder, contested places drawn hollow and dashed. A slider spans the dates of
// every change of control (/api/control/changes).
import L from "leaflet";
import { el, fill, debounce } from "./dom.js";
import { dayLabel, dayToIso, isoToDay } from "./dates.js";
import { holderColor, rankHolders } from "./colors.js";
import { getJson, isAbort, latestOnly } from "./api.js";

export class ControlView {
  /**
   * @param map the Leaflet map
   * @param elements {slider, label, legend, list, ticks}
   * @param hooks {changed(iso), error(err), select(eventId)}
   */
  constructor(map, elements, hooks) {
    this.map = map;
    this.els = elements;
    this.hooks = hooks;
    this.renderer = L.canvas({ padding: 0.2 });
    this.layer = L.layerGroup();
    this.places = [];
    this.markers = new Map();
    this.changes = null;
    this.day = null;
    this.fetchControl = latestOnly("control");
    const refetch = debounce(() => this.load(), 120);
    elements.slider.addEventListener("input", () => {
      this.day = this.minDay + Number(elements.slider.value);
      this.showDate();
      refetch();
    });
    elements.slider.addEventListener("change", () => {
      refetch.cancel();
      this.load();
    });
  }

  /** Shows the control layer, fetching the changes once; `iso` is the date from the URL. */
  async enter(iso) {
    this.layer.addTo(this.map);
    try {
      if (!this.changes) await this.loadChanges();
    } catch (err) {
      this.hooks.error(err);
      return;
    }
    const wanted = isoToDay(iso);
    if (wanted !== null) this.day = Math.min(this.maxDay, Math.max(this.minDay, wanted));
    if (this.day === null) this.day = this.maxDay;
    this.els.slider.value = String(this.day - this.minDay);
    this.showDate();
    await this.load();
  }

  leave() {
    this.layer.remove();
  }

  async loadChanges() {
    this.changes = await getJson("control/changes");
    const days = this.changes.map((c) => isoToDay(c.date)).filter((d) => d !== null);
    const seen = new Map();
    for (const change of this.changes) {
      for (const actor of [change.to_actor, change.from_actor, ...(change.claimants || [])]) {
        if (actor) seen.set(actor, (seen.get(actor) || 0) + 1);
      }
    }
    rankHolders([...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name));
    if (days.length) {
      this.minDay = Math.min(...days);
      this.maxDay = Math.max(...days);
    } else {
      // No change of control is known: the slider still works, over the last month.
      this.maxDay = Math.floor(Date.now() / 86400000);
      this.minDay = this.maxDay - 30;
    }
    // A day before the first change shows the map before anything changed hands.
    this.minDay -= 1;
    const { slider, ticks } = this.els;
    slider.min = "0";
    slider.max = String(this.maxDay - this.minDay);
    slider.step = "1";
    slider.disabled = false;
    fill(ticks, [...new Set(days)].sort((a, b) => a - b).map((d) => el("option", { value: d - this.minDay, label: dayToIso(d) })));
    this.els.range.textContent = `${dayLabel(this.minDay)} – ${dayLabel(this.maxDay)}, ${this.changes.length} changes of control`;
  }

  get iso() {
    return this.day === null ? null : dayToIso(this.day);
  }

  showDate() {
    this.els.label.textContent = dayLabel(this.day);
    this.els.slider.setAttribute("aria-valuetext", dayLabel(this.day));
  }

  async load() {
    const at = this.iso;
    let answer;
    try {
      answer = await this.fetchControl({ at });
    } catch (err) {
      if (!isAbort(err)) this.hooks.error(err);
      return;
    }
    this.places = answer.places || [];
    this.draw();
    this.hooks.changed(at);
  }

  draw() {
    this.layer.clearLayers();
    this.markers.clear();
    for (const place of this.places) {
      if (place.latitude === null || place.longitude === null || place.latitude === undefined) continue;
      const marker = L.circleMarker([place.latitude, place.longitude], this.style(place));
      marker.bindTooltip(() => this.describe(place));
      // The event that gave the place its holder: its sources say who took it.
      marker.on("click", () => this.selectEvent(place));
      this.layer.addLayer(marker);
      this.markers.set(place, marker);
    }
    this.renderLegend();
    this.renderList();
  }

  style(place) {
    const color = holderColor(place.holder);
    if (place.contested) {
      return { renderer: this.renderer, radius: 10, color: "#111", weight: 3, dashArray: "4 3", fillColor: "#fff", fillOpacity: 0.9 };
    }
    return { renderer: this.renderer, radius: 9, color: "#fff", weight: 2, fillColor: color, fillOpacity: 0.95 };
  }

  describe(place) {
    return el("span", {},
      el("strong", { text: place.place || "place" }), place.country ? ` (${place.country})` : "", el("br"),
      place.contested
        ? ["Contested between ", (place.claimants || []).join(", ") || "unknown sides"]
        : ["Held by ", place.holder || "unknown", place.since ? ` since ${place.since}` : ""]);
  }

  renderLegend() {
    const holders = new Map();
    let contested = 0;
    for (const place of this.places) {
      if (place.contested) contested++;
      else holders.set(place.holder || "unknown", (holders.get(place.holder || "unknown") || 0) + 1);
    }
    fill(this.els.legend,
      [...holders].sort((a, b) => b[1] - a[1]).map(([holder, n]) => el("li", {},
        el("span", { class: "swatch", style: `background:${holderColor(holder === "unknown" ? null : holder)}`, "aria-hidden": "true" }),
        `${holder} (${n})`)),
      contested ? el("li", {}, el("span", { class: "swatch contested-swatch", "aria-hidden": "true" }), `contested (${contested})`) : null,
    );
  }

  renderList() {
    const sorted = [...this.places].sort((a, b) => String(a.place).localeCompare(String(b.place)));
    fill(this.els.list, sorted.map((place) => el("li", {},
      el("button", {
        type: "button",
        class: "list-item",
        onclick: () => this.focusPlace(place),
      },
      el("span", { class: place.contested ? "swatch contested-swatch" : "swatch", style: place.contested ? null : `background:${holderColor(place.holder)}`, "aria-hidden": "true" }),
      el("span", { class: "item-main", text: place.place || "place" }),
      el("span", { class: "item-sub", text: place.contested ? `contested: ${(place.claimants || []).join(", ")}` : `${place.holder || "unknown"}${place.since ? " since " + place.since : ""}` }))))); 
    if (!sorted.length) fill(this.els.list, el("li", { class: "empty", text: "No place is known to be held on this date." }));
  }

  focusPlace(place) {
    const marker = this.markers.get(place);
    if (!marker) return;
    this.map.setView(marker.getLatLng(), Math.max(this.map.getZoom(), 7));
    marker.openTooltip();
    this.selectEvent(place);
  }

  selectEvent(place) {
    const events = place.events || [];
    if (events.length) this.hooks.select(events[events.length - 1]);
  }

  /** The bounds of the places with a position, to show them all when the view opens. */
  bounds() {
    const points = this.places.filter((p) => p.latitude !== null && p.latitude !== undefined)
      .map((p) => [p.latitude, p.longitude]);
    return points.length ? L.latLngBounds(points) : null;
  }

  /** What the map shows, for tests and for the status line. */
  summary() {
    return this.places.map((p) => ({ place: p.place, holder: p.holder, contested: Boolean(p.contested) }));
  }
}
