// The events on the map. /api/map sends every matching event as columns; they are clustered
// here with supercluster and only the clusters and points in view are drawn, as circle markers
// on a canvas, so 100,000 events cost a few hundred markers and no DOM node each.
import L from "leaflet";
import Supercluster from "supercluster";
import { count, el } from "./dom.js";
import { dayLabel } from "./dates.js";
import { OTHER_COLOR, typeColor } from "./colors.js";

// The deepest zoom the map allows. Clustering goes as deep, so events geocoded to the same
// town stay one cluster (whose events are listed on click) instead of hiding one another.
export const MAX_ZOOM = 11;

const pointRadius = (fatalities) => Math.min(18, 4 + 2 * Math.sqrt(fatalities || 0));
const clusterRadius = (count) => Math.min(28, 8 + 1.8 * Math.sqrt(count));

// A cluster takes the colour of the commonest type among a sample of its events. Counting every
// type in supercluster's reduce step doubled the clustering time; a sample is enough for a
// colour, and the exact figures are counted when the cluster's tooltip opens.
const COLOUR_SAMPLE = 40;

export class EventsLayer {
  /**
   * @param map the Leaflet map
   * @param handlers {select(id), cluster(ids, latlng)}: a point was clicked; a cluster that no
   *   zoom separates was clicked (its event ids)
   */
  constructor(map, handlers) {
    this.map = map;
    this.handlers = handlers;
    this.renderer = L.canvas({ padding: 0.2 });
    this.group = L.layerGroup().addTo(map);
    this.highlight = L.layerGroup().addTo(map);
    this.data = null;
    this.index = null;
    this.visible = []; // indices into the columns that pass the date range
    this.range = [null, null];
    this.drawn = 0;
    map.on("moveend", () => this.draw());
  }

  /** New columns from /api/map; the date range is kept. */
  setData(data) {
    this.data = data;
    this.cluster();
  }

  /** Keeps the events of days from..to (inclusive; null: unbounded) and redraws. */
  setRange(from, to) {
    this.range = [from, to];
    this.cluster();
  }

  get loaded() {
    return this.data !== null;
  }

  /** How many events pass the filters and the date range. */
  get visibleCount() {
    return this.visible.length;
  }

  cluster() {
    if (!this.data) return;
    const { lat, lon, day } = this.data;
    const [from, to] = this.range;
    const ranged = from !== null || to !== null;
    const lo = from ?? -Infinity;
    const hi = to ?? Infinity;
    const points = [];
    const visible = [];
    for (let i = 0; i < day.length; i++) {
      if (lat[i] === null || lon[i] === null) continue;
      // Undated events show until a date range is chosen, which they cannot fall in.
      if (ranged && (day[i] === null || day[i] < lo || day[i] > hi)) continue;
      visible.push(i);
      points.push({ type: "Feature", properties: { i }, geometry: { type: "Point", coordinates: [lon[i], lat[i]] } });
    }
    this.visible = visible;
    this.index = new Supercluster({ radius: 40, maxZoom: MAX_ZOOM }).load(points);
    this.draw();
  }

  viewBox() {
    const b = this.map.getBounds();
    const west = Math.max(-180, b.getWest());
    const east = Math.min(180, b.getEast());
    return [west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())];
  }

  draw() {
    if (!this.index) return;
    this.group.clearLayers();
    const zoom = Math.round(this.map.getZoom());
    const features = this.index.getClusters(this.viewBox(), zoom);
    for (const feature of features) {
      this.group.addLayer(feature.properties.cluster ? this.clusterMarker(feature, zoom) : this.pointMarker(feature));
    }
    this.drawn = features.length;
    this.map.fire("frontlines:drawn", { drawn: this.drawn });
  }

  pointMarker(feature) {
    const i = feature.properties.i;
    const { ids, types, type, fatalities, day, contested } = this.data;
    const [lon, lat] = feature.geometry.coordinates;
    const typeName = types[type[i]];
    const marker = L.circleMarker([lat, lon], {
      renderer: this.renderer,
      radius: pointRadius(fatalities[i]),
      color: contested && contested[i] ? "#111" : "#fff",
      weight: contested && contested[i] ? 2 : 1,
      dashArray: contested && contested[i] ? "3 2" : null,
      fillColor: typeColor(typeName),
      fillOpacity: 0.85,
    });
    marker.bindTooltip(() => el("span", {},
      el("strong", { text: typeName || "Event" }), el("br"),
      `${day[i] === null ? "undated" : dayLabel(day[i])} · ${fatalities[i] || 0} killed${contested && contested[i] ? " · contested" : ""}`));
    marker.on("click", () => this.handlers.select(ids[i]));
    return marker;
  }

  clusterMarker(feature, zoom) {
    const props = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const color = this.dominantColor(props.cluster_id);
    const marker = L.circleMarker([lat, lon], {
      renderer: this.renderer,
      radius: clusterRadius(props.point_count),
      color,
      weight: 3,
      opacity: 0.9,
      fillColor: color,
      fillOpacity: 0.45,
    });
    marker.bindTooltip(() => this.clusterSummary(props));
    marker.on("click", () => {
      const next = this.index.getClusterExpansionZoom(props.cluster_id);
      if (next <= MAX_ZOOM && zoom < MAX_ZOOM) this.map.setView([lat, lon], next);
      else {
        // Events at one place: no zoom separates them, so they are listed instead.
        const leaves = this.index.getLeaves(props.cluster_id, Infinity);
        this.handlers.cluster(leaves.map((leaf) => leaf.properties.i), L.latLng(lat, lon));
      }
    });
    return marker;
  }

  clusterSummary(props) {
    const leaves = this.index.getLeaves(props.cluster_id, Infinity);
    const counts = new Map();
    let killed = 0;
    for (const leaf of leaves) {
      const i = leaf.properties.i;
      killed += this.data.fatalities[i] || 0;
      const name = this.data.types[this.data.type[i]];
      counts.set(name, (counts.get(name) || 0) + 1);
    }
    const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => [el("br"), `${n} ${name}`]);
    return el("span", {}, el("strong", { text: `${count(props.point_count, "event")}, ${killed} killed` }), lines,
      el("br"), el("em", { text: "click to zoom in" }));
  }

  dominantColor(clusterId) {
    const counts = new Array(this.data.types.length).fill(0);
    for (const leaf of this.index.getLeaves(clusterId, COLOUR_SAMPLE)) counts[this.data.type[leaf.properties.i]]++;
    let best = -1;
    let bestCount = 0;
    counts.forEach((n, t) => {
      if (n > bestCount) {
        best = t;
        bestCount = n;
      }
    });
    return best < 0 ? OTHER_COLOR : typeColor(this.data.types[best]);
  }

  /** A ring around the selected event (or none). */
  mark(latlng) {
    this.highlight.clearLayers();
    if (!latlng) return;
    L.circleMarker(latlng, {
      renderer: this.renderer,
      radius: 14,
      color: "#000",
      weight: 3,
      fill: false,
      interactive: false,
      className: "selected-ring",
    }).addTo(this.highlight);
  }

  /** Row i of the columns as a small object (for lists built from a cluster). */
  row(i) {
    const d = this.data;
    return {
      id: d.ids[i],
      day: d.day[i],
      type: d.types[d.type[i]],
      fatalities: d.fatalities[i],
      contested: Boolean(d.contested && d.contested[i]),
    };
  }
}
