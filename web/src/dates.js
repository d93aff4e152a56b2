// Dates travel as days since 1970-01-01 (the /api/map `day` column) inside the app and as ISO
// strings in the URL and the API's filters.
const DAY_MS = 86400000;

export const dayToIso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isoToDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text || "")) return null;
  const ms = Date.parse(text + "T00:00:00Z");
  return Number.isNaN(ms) ? null : Math.round(ms / DAY_MS);
}

/** The Monday that starts the week of `day` (1970-01-01 was a Thursday). */
export const weekStart = (day) => day - ((day + 3) % 7 + 7) % 7;

/** The first day of the calendar month of `day`. */
export function monthStart(day) {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

export function nextMonth(day) {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3 Mar 2024": short and unambiguous whatever the reader's locale. */
export function dayLabel(day) {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
