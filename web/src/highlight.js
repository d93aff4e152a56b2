// Text with marked ranges, built as DOM nodes (never HTML). The API's offsets count Unicode
// code points (Python string indices); JavaScript strings count UTF-16 units, so offsets are
// converted before slicing, or an emoji before a span would shift every mark after it.

/** A function from a code point offset in `text` to the UTF-16 offset of the same place. */
export function codePointOffsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const units = [0];
  let position = 0;
  for (const ch of text) {
    position += ch.length;
    units.push(position);
  }
  return (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
}

/**
 * Cuts `text` at every span boundary and returns the pieces in order: {text, spans} where
 * spans lists the spans covering that piece (empty outside any span). `spans` are
 * {start, end, ...} in code points; ranges outside the text are clipped, empty ones dropped.
 */
export function segments(text, spans) {
  const toUnit = codePointOffsets(text);
  const ranges = [];
  for (const span of spans) {
    const start = toUnit(span.start);
    const end = toUnit(span.end);
    if (end > start) ranges.push({ start, end, span });
  }
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const covering = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.span);
    // A span ends in this piece when its end is this piece's end: labels go after it.
    const ending = ranges.filter((r) => r.end === b && r.start <= a).map((r) => r.span);
    pieces.push({ text: text.slice(a, b), spans: covering, ending });
  }
  return pieces;
}

/**
 * A DocumentFragment of `text` with each covered piece in a <mark>. `describe(spans)` gives the
 * mark's title (what the spans are); `label(span)`, when given, adds a small visible label
 * after the last piece of each span.
 */
export function markedText(text, spans, { describe, label } = {}) {
  const fragment = document.createDocumentFragment();
  for (const piece of segments(text, spans)) {
    if (!piece.spans.length) {
      fragment.append(document.createTextNode(piece.text));
      continue;
    }
    const mark = document.createElement("mark");
    mark.textContent = piece.text;
    const fields = [...new Set(piece.spans.map((s) => s.field))];
    mark.dataset.field = fields.join(" ");
    mark.className = "span " + fields.map((f) => "field-" + String(f).replace(/[^a-z0-9_]/gi, "")).join(" ");
    if (piece.spans.length > 1) mark.classList.add("overlap");
    if (describe) mark.title = describe(piece.spans);
    fragment.append(mark);
    if (label) {
      for (const span of piece.ending) {
        const tag = document.createElement("small");
        tag.className = "span-label";
        tag.textContent = label(span);
        fragment.append(tag);
      }
    }
  }
  return fragment;
}
