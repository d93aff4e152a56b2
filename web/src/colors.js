// ACLED's six event types, in ACLED's order, with colours told apart by most colour-blind
// readers (Okabe–Ito palette).
export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

const TYPE_COLORS = {
  Battles: "#d55e00",
  "Explosions/Remote violence": "#e69f00",
  "Violence against civilians": "#cc79a7",
  Protests: "#0072b2",
  Riots: "#56b4e9",
  "Strategic developments": "#009e73",
};

export const OTHER_COLOR = "#777777";

export const typeColor = (type) => TYPE_COLORS[type] || OTHER_COLOR;

// Holders of places on the control map are free-form actor names. The control view ranks them
// (by how often they take or lose a place) and gives the first ones distinct colours, so a
// holder keeps its colour from one date to the next; the rest share colours by a hash of the name.
const HOLDER_PALETTE = [
  "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
  "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#e7ba52", "#5254a3", "#843c39",
  "#31a354", "#de9ed6", "#6baed6", "#fd8d3c",
];

const holderRank = new Map();

/** Fixes the colours of holders, most prominent first. */
export function rankHolders(names) {
  holderRank.clear();
  names.forEach((name, i) => holderRank.set(name, i));
}

export function holderColor(name) {
  if (!name) return OTHER_COLOR;
  const rank = holderRank.get(name);
  if (rank !== undefined && rank < HOLDER_PALETTE.length) return HOLDER_PALETTE[rank];
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return HOLDER_PALETTE[hash % HOLDER_PALETTE.length];
}
