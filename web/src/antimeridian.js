// Natural Earth cuts countries at the antimeridian, but world-atlas stitches the pieces back
// together, so a ring of Russia, Fiji or Antarctica jumps from +180° to -180° longitude and a
// flat map draws that jump as a streak across the world. These functions make every ring
// continuous (no step of more than 180°) and add a copy shifted by 360° for the part that
// then sticks out beyond ±180°, so both sides of the map show it.

/** Shifts points by multiples of 360° so each is within 180° of the one before it. */
export function unwrapRing(ring, reference = null) {
  const out = new Array(ring.length);
  let previous = reference;
  for (let i = 0; i < ring.length; i++) {
    let [x, y] = ring[i];
    if (previous !== null) x += 360 * Math.round((previous - x) / 360);
    out[i] = [x, y];
    previous = x;
  }
  return out;
}

// A ring around a pole (Antarctica) comes back 360° from where it started once unwrapped:
// it closes along the map's edge at the pole instead.
function closeAroundPole(ring) {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (Math.abs(last[0] - first[0]) < 180) return ring;
  const meanLat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  const pole = meanLat < 0 ? -90 : 90;
  return [...ring, [last[0], pole], [first[0], pole], [first[0], first[1]]];
}

function lonRange(ring) {
  let min = Infinity;
  let max = -Infinity;
  for (const [x] of ring) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}

const shiftPolygon = (polygon, dx) => polygon.map((ring) => ring.map(([x, y]) => [x + dx, y]));

function jumps(ring) {
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
  }
  return false;
}

/** One polygon (outer ring, then holes) as one or more polygons that never jump 180°. */
export function fixPolygon(polygon) {
  // Almost every polygon is nowhere near the antimeridian and is kept as it is.
  if (!polygon.some(jumps)) return [polygon];
  const outer = closeAroundPole(unwrapRing(polygon[0]));
  const [min, max] = lonRange(outer);
  // Holes start next to their outer ring, so they are shifted the same way.
  const holes = polygon.slice(1).map((ring) => unwrapRing(ring, (min + max) / 2));
  const fixed = [outer, ...holes];
  const out = [fixed];
  if (max > 180) out.push(shiftPolygon(fixed, -360));
  if (min < -180) out.push(shiftPolygon(fixed, 360));
  return out;
}

/** A GeoJSON FeatureCollection whose (Multi)Polygons are fixed; other geometries pass. */
export function fixAntimeridian(collection) {
  const features = collection.features.map((feature) => {
    const geometry = feature.geometry;
    if (!geometry) return feature;
    let polygons;
    if (geometry.type === "Polygon") polygons = [geometry.coordinates];
    else if (geometry.type === "MultiPolygon") polygons = geometry.coordinates;
    else return feature;
    const coordinates = polygons.flatMap(fixPolygon);
    return { ...feature, geometry: { type: "MultiPolygon", coordinates } };
  });
  return { ...collection, features };
}

/** The longest longitude step between two consecutive points of any ring (for checks). */
export function largestStep(collection) {
  let largest = 0;
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (!g) continue;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          // The edge a polar ring closes along runs at ±90°, off any map: it is no streak.
          if (Math.abs(ring[i][1]) === 90 && Math.abs(ring[i - 1][1]) === 90) continue;
          largest = Math.max(largest, Math.abs(ring[i][0] - ring[i - 1][0]));
        }
      }
    }
  }
  return largest;
}

// Natural Earth closes Antarctica along the South Pole's latitude; Web Mercator puts that at
// the map's bottom edge, where it would be stroked as a long line. No border runs that far.
const offMercator = (a, b) => Math.abs(a[1]) > 85 && Math.abs(b[1]) > 85;

/**
 * Border lines (a GeoJSON MultiLineString's coordinates) cut wherever they jump across the
 * antimeridian or run along a pole; lines, unlike rings, need no closing, so cutting is enough.
 */
export function splitLines(lines) {
  const out = [];
  for (const line of lines) {
    let current = [line[0]];
    for (let i = 1; i < line.length; i++) {
      if (Math.abs(line[i][0] - line[i - 1][0]) > 180 || offMercator(line[i], line[i - 1])) {
        if (current.length > 1) out.push(current);
        current = [];
      }
      current.push(line[i]);
    }
    if (current.length > 1) out.push(current);
  }
  return out;
}
