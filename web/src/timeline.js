// The timeline: a histogram of events per day, week or month, drawn in SVG, with a brush that
// selects a range of days. The brush is the two handles (focusable sliders, moved with the
// arrow keys) and the band between them (dragged to move the range); dragging anywhere else
// draws a new range and a click without a drag clears it.
import { dayLabel, dayToIso, monthStart, nextMonth, weekStart } from "./dates.js";
import { count } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 96;
const MARGIN = { top: 6, right: 10, bottom: 20, left: 10 };
const HANDLE = 10;

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** Bins of [start, end) days: days for a short span, weeks up to ~3 years, months beyond. */
export function binDays(allDays) {
  // An event no source dates has no day: it is on the map but not on the timeline.
  const days = allDays.filter((d) => d !== null && d !== undefined);
  if (days.length === 0) return { unit: "day", bins: [], min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const d of days) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const span = max - min + 1;
  const unit = span <= 180 ? "day" : span <= 1100 ? "week" : "month";
  const starts = [];
  if (unit === "day") for (let d = min; d <= max; d++) starts.push(d);
  else if (unit === "week") for (let d = weekStart(min); d <= max; d += 7) starts.push(d);
  else for (let d = monthStart(min); d <= max; d = nextMonth(d)) starts.push(d);
  const bins = starts.map((start, i) => ({
    start,
    end: i + 1 < starts.length ? starts[i + 1] : unit === "day" ? start + 1 : unit === "week" ? start + 7 : nextMonth(start),
    count: 0,
  }));
  const first = starts[0];
  for (const d of days) {
    let i;
    if (unit === "day") i = d - first;
    else if (unit === "week") i = Math.floor((d - first) / 7);
    else i = binarySearch(starts, d);
    bins[i].count++;
  }
  return { unit, bins, min, max };
}

// The index of the last start <= value.
function binarySearch(starts, value) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class Timeline {
  /**
   * @param container element the SVG goes into
   * @param onChange (from, to, final) with days, or nulls when the whole span is selected;
   *   `final` is false while a drag is still going on.
   */
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    this.bins = [];
    this.unit = "day";
    this.first = 0; // the first and last days with events: the brush stays within them
    this.last = 0;
    this.lo = 0; // the days the x axis spans, [lo, hi): whole bins
    this.hi = 1;
    this.from = null;
    this.to = null;
    this.width = 0;
    this.drag = null;
    this.buildSvg();
    new ResizeObserver(() => this.resize()).observe(container);
  }

  buildSvg() {
    this.svg = svg("svg", { class: "timeline-svg", height: HEIGHT, role: "group", "aria-label": "Events over time; drag to select dates" });
    this.bars = svg("g", { class: "bars" });
    this.axis = svg("g", { class: "axis", "aria-hidden": "true" });
    this.band = svg("rect", { class: "brush-band", y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom });
    this.handles = ["from", "to"].map((edge) => this.buildHandle(edge));
    this.svg.append(this.bars, this.axis, this.band, ...this.handles);
    this.svg.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this.svg.addEventListener("pointermove", (e) => this.pointerMove(e));
    this.svg.addEventListener("pointerup", (e) => this.pointerUp(e));
    this.svg.addEventListener("pointercancel", (e) => this.pointerUp(e));
    this.container.append(this.svg);
  }

  buildHandle(edge) {
    const handle = svg("rect", {
      class: `brush-handle brush-${edge}`,
      y: MARGIN.top,
      width: HANDLE,
      height: HEIGHT - MARGIN.top - MARGIN.bottom,
      rx: 3,
      tabindex: 0,
      role: "slider",
      "aria-label": edge === "from" ? "First day selected" : "Last day selected",
      "data-edge": edge,
      "aria-describedby": "brush-help",
    });
    handle.addEventListener("keydown", (e) => this.keyDown(e, edge));
    return handle;
  }

  /** New data: the `day` column of every event the filters let through. */
  setDays(days) {
    const { unit, bins, min, max } = binDays(days);
    this.unit = unit;
    this.bins = bins;
    if (bins.length) {
      this.first = min;
      this.last = max;
      this.lo = bins[0].start;
      this.hi = bins[bins.length - 1].end;
    }
    this.render();
  }

  /** Sets the brush without telling onChange (a range restored from the URL). */
  setRange(from, to) {
    this.from = from;
    this.to = to;
    this.renderBrush();
  }

  get range() {
    return [this.from ?? this.first, this.to ?? this.last];
  }

  resize() {
    const width = this.container.clientWidth;
    if (width && width !== this.width) {
      this.width = width;
      this.render();
    }
  }

  x(day) {
    const inner = this.width - MARGIN.left - MARGIN.right;
    const span = Math.max(1, this.hi - this.lo);
    return MARGIN.left + ((day - this.lo) / span) * inner;
  }

  dayAt(clientX) {
    const box = this.svg.getBoundingClientRect();
    const inner = this.width - MARGIN.left - MARGIN.right;
    const span = Math.max(1, this.hi - this.lo);
    const day = this.lo + Math.floor(((clientX - box.left - MARGIN.left) / inner) * span);
    return Math.min(this.last, Math.max(this.first, day));
  }

  render() {
    this.width = this.container.clientWidth || this.width;
    this.svg.setAttribute("width", this.width);
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${HEIGHT}`);
    this.renderBars();
    this.renderAxis();
    this.renderBrush();
  }

  renderBars() {
    this.bars.replaceChildren();
    const max = this.bins.reduce((m, b) => Math.max(m, b.count), 0) || 1;
    const bottom = HEIGHT - MARGIN.bottom;
    const full = bottom - MARGIN.top;
    for (const bin of this.bins) {
      if (!bin.count) continue;
      const x0 = this.x(bin.start);
      const w = Math.max(1, this.x(bin.end) - x0 - (this.bins.length < 120 ? 1 : 0));
      const h = Math.max(2, (bin.count / max) * full);
      const bar = svg("rect", { x: x0, y: bottom - h, width: w, height: h, "data-start": bin.start, "data-end": bin.end });
      const title = svg("title");
      title.textContent = `${dayLabel(bin.start)}${this.unit === "day" ? "" : " – " + dayLabel(bin.end - 1)}: ${count(bin.count, "event")}`;
      bar.append(title);
      this.bars.append(bar);
    }
  }

  renderAxis() {
    this.axis.replaceChildren();
    if (!this.bins.length) return;
    const y = HEIGHT - 5;
    const ticks = this.width < 500 ? 2 : 5;
    for (let i = 0; i <= ticks; i++) {
      const day = Math.round(this.first + ((this.last - this.first) * i) / ticks);
      const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
      const label = svg("text", { x: i === ticks ? this.x(this.last + 1) : this.x(day), y, "text-anchor": anchor });
      label.textContent = dayLabel(day);
      this.axis.append(label);
    }
  }

  renderBrush() {
    if (!this.width) return;
    const [from, to] = this.range;
    const x0 = this.x(from);
    const x1 = this.x(to + 1);
    this.band.setAttribute("x", x0);
    this.band.setAttribute("width", Math.max(1, x1 - x0));
    this.band.classList.toggle("active", this.from !== null || this.to !== null);
    const [left, right] = this.handles;
    left.setAttribute("x", x0 - HANDLE / 2);
    right.setAttribute("x", x1 - HANDLE / 2);
    for (const [handle, day] of [[left, from], [right, to]]) {
      handle.setAttribute("aria-valuemin", this.first);
      handle.setAttribute("aria-valuemax", this.last);
      handle.setAttribute("aria-valuenow", day);
      handle.setAttribute("aria-valuetext", dayLabel(day));
    }
    for (const bar of this.bars.children) {
      const inside = Number(bar.dataset.end) > from && Number(bar.dataset.start) <= to;
      bar.classList.toggle("out", !inside);
    }
  }

  // Stores a range, treating the whole span as "no range", and reports it.
  commit(from, to, final) {
    from = Math.max(this.first, Math.min(from, this.last));
    to = Math.max(this.first, Math.min(to, this.last));
    if (from > to) [from, to] = [to, from];
    const whole = from <= this.first && to >= this.last;
    this.from = whole ? null : from;
    this.to = whole ? null : to;
    this.renderBrush();
    this.onChange(this.from, this.to, final);
  }

  clear() {
    this.commit(this.first, this.last, true);
  }

  keyDown(event, edge) {
    // Arrows move a day (a week with Shift); Page keys a week, or a month when bars are months.
    const page = this.unit === "month" ? 30 : 7;
    const steps = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -page, PageUp: page };
    let [from, to] = this.range;
    let value = edge === "from" ? from : to;
    if (event.key in steps) value += steps[event.key] * (event.shiftKey ? 7 : 1);
    else if (event.key === "Home") value = this.first;
    else if (event.key === "End") value = this.last;
    else if (event.key === "Escape") {
      this.clear();
      return;
    } else return;
    event.preventDefault();
    // A handle stops at the other one rather than crossing it.
    if (edge === "from") from = Math.min(value, to);
    else to = Math.max(value, from);
    this.commit(from, to, true);
  }

  pointerDown(event) {
    if (!this.bins.length || event.button !== 0) return;
    const target = event.target;
    const day = this.dayAt(event.clientX);
    const [from, to] = this.range;
    if (target.dataset && target.dataset.edge) {
      // Resize: the other edge stays where it is.
      this.drag = { kind: "edge", anchor: target.dataset.edge === "from" ? to : from, moved: false };
      target.focus();
    } else if (target === this.band && this.band.classList.contains("active")) {
      this.drag = { kind: "move", start: day, from, to, moved: false };
    } else {
      this.drag = { kind: "new", anchor: day, moved: false };
    }
    this.svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  }

  pointerMove(event) {
    if (!this.drag) return;
    const day = this.dayAt(event.clientX);
    const drag = this.drag;
    if (drag.kind === "move") {
      const shift = Math.max(this.first - drag.from, Math.min(this.last - drag.to, day - drag.start));
      if (shift !== 0) drag.moved = true;
      if (drag.moved) this.commit(drag.from + shift, drag.to + shift, false);
    } else {
      if (day !== drag.anchor) drag.moved = true;
      if (drag.moved) this.commit(drag.anchor, day, false);
    }
  }

  pointerUp(event) {
    const drag = this.drag;
    if (!drag) return;
    this.drag = null;
    if (this.svg.hasPointerCapture(event.pointerId)) this.svg.releasePointerCapture(event.pointerId);
    if (drag.moved) {
      const [from, to] = this.range;
      this.commit(from, to, true);
    } else if (drag.kind === "new") {
      this.clear();
    }
  }

  /** "3 Mar 2024 – 9 Mar 2024" or null when no range is selected. */
  describe() {
    if (this.from === null && this.to === null) return null;
    const [from, to] = this.range;
    return from === to ? dayLabel(from) : `${dayLabel(from)} – ${dayLabel(to)}`;
  }

  isoRange() {
    if (this.from === null && this.to === null) return [null, null];
    const [from, to] = this.range;
    return [dayToIso(from), dayToIso(to)];
  }
}
