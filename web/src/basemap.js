// The basemap: Natural Earth's countries (world-atlas TopoJSON, served beside the app) drawn on
// their own canvas under the events. No tile server is involved. Land is filled from the
// country polygons and the borders are stroked from the topology's mesh (each shared border
// once), which also keeps the edge a polar ring closes along from being drawn.
import L from "leaflet";
import { feature, mesh } from "topojson-client";
import { fixAntimeridian, splitLines } from "./antimeridian.js";

export async function addBasemap(map, url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const topology = await response.json();
  performance.mark("basemap-fetched");
  const countries = topology.objects.countries;
  const land = fixAntimeridian(feature(topology, countries));
  const borders = { type: "MultiLineString", coordinates: splitLines(mesh(topology, countries).coordinates) };

  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 250; // above tiles (200), below overlays (400)
  const renderer = L.canvas({ pane: "basemap", padding: 0.2 });
  const common = { renderer, pane: "basemap", interactive: false, smoothFactor: 1.2 };
  const layer = L.layerGroup([
    L.geoJSON(land, { ...common, style: { stroke: false, fillColor: "#ebe7dd", fillOpacity: 1 } }),
    L.geoJSON(borders, { ...common, style: { color: "#a39d90", weight: 0.7, fill: false } }),
  ]);
  layer.addTo(map);
  performance.mark("basemap-drawn");
  return layer;
}
