// Time ranges as they travel in URLs ("now-6h" .. "now", or epoch milliseconds), and value/time formatting.

export const PRESETS = [
  ['now-5m', 'Last 5 minutes'], ['now-15m', 'Last 15 minutes'], ['now-30m', 'Last 30 minutes'],
  ['now-1h', 'Last 1 hour'], ['now-3h', 'Last 3 hours'], ['now-6h', 'Last 6 hours'],
  ['now-12h', 'Last 12 hours'], ['now-24h', 'Last 24 hours'], ['now-2d', 'Last 2 days'],
  ['now-7d', 'Last 7 days'], ['now-30d', 'Last 30 days'],
];
export const DEFAULT_FROM = 'now-1h';
export const REFRESH = [['', 'Off'], ['10s', '10s'], ['30s', '30s'], ['1m', '1m']];

const UNIT = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds of a duration such as "30s", "5m", "24h"; null when it is not one. */
export function seconds(text) {
  const m = /^(\d+)([smhdw])$/.exec(String(text || '').trim());
  return m ? Number(m[1]) * UNIT[m[2]] : null;
}

/** Epoch seconds of a range end: "now", "now-6h" or epoch milliseconds. */
export function instant(text, nowMs = Date.now()) {
  text = String(text || 'now').trim();
  if (text === 'now') return Math.floor(nowMs / 1000);
  if (text.startsWith('now-')) {
    const s = seconds(text.slice(4));
    if (s != null) return Math.floor(nowMs / 1000) - s;
  }
  if (/^\d{10,}$/.test(text)) return Math.floor(Number(text) / 1000);
  return null;
}

/** The [start, end] epoch seconds of a range; falls back to the last hour for a malformed one. */
export function resolve(range, nowMs = Date.now()) {
  let start = instant(range.from, nowMs), end = instant(range.to, nowMs);
  if (start == null || end == null || start >= end) {
    end = Math.floor(nowMs / 1000);
    start = end - 3600;
  }
  return { start, end };
}

export function isRelative(range) {
  return String(range.to || 'now').startsWith('now');
}

export function describe(range) {
  const preset = PRESETS.find(p => p[0] === range.from && (range.to || 'now') === 'now');
  if (preset) return preset[1];
  const { start, end } = resolve(range);
  return formatTime(start) + ' → ' + formatTime(end);
}

const NICE_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * The downsample for a range: buckets of at least 10 s (the agent's interval) and about `points` per line at most,
 * so a 24 h chart holds ~300 points per series whatever the raw density.
 */
export function autoDownsample(spanSeconds, points = 300) {
  const want = spanSeconds / points;
  for (const s of NICE_STEPS) if (s >= want) return s;
  return Math.ceil(want / 86400) * 86400;
}

export function formatDuration(sec) {
  if (sec % 86400 === 0) return sec / 86400 + 'd';
  if (sec % 3600 === 0) return sec / 3600 + 'h';
  if (sec % 60 === 0) return sec / 60 + 'm';
  return sec + 's';
}

const pad = n => String(n).padStart(2, '0');
export function formatTime(sec, withSeconds = false) {
  const d = new Date(sec * 1000);
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + (withSeconds ? ':' + pad(d.getSeconds()) : '');
}

/** "2026-11-25T14:05" for a datetime-local input, and back. */
export function toLocalInput(sec) {
  return formatTime(sec).replace(' ', 'T');
}
export function fromLocalInput(text) {
  const t = new Date(text).getTime();
  return Number.isFinite(t) ? t : null;
}

const SI = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
const BYTES = [[2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];

function trim(v, decimals) {
  const a = Math.abs(v);
  const d = decimals ?? (a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
  return Number(v.toFixed(d)).toLocaleString('en-US', { maximumFractionDigits: d });
}

/** A value for people: SI suffixes, bytes in binary units, percent, durations. */
export function formatValue(v, unit = '', decimals) {
  if (v == null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  switch (unit) {
    case 'percent': return trim(v, decimals) + '%';
    case 'bytes': case 'bytes/s': {
      const suffix = unit === 'bytes/s' ? '/s' : '';
      for (const [f, u] of BYTES) if (a >= f) return trim(v / f, decimals) + ' ' + u + suffix;
      return trim(v, decimals ?? 0) + ' B' + suffix;
    }
    case 'ms': return a >= 1000 ? trim(v / 1000, decimals) + ' s' : trim(v, decimals) + ' ms';
    case 's': return a >= 3600 ? trim(v / 3600, decimals) + ' h' : a >= 60 ? trim(v / 60, decimals) + ' min'
      : trim(v, decimals) + ' s';
    default: {
      for (const [f, u] of SI) if (a >= f) return trim(v / f, decimals) + u + (unit ? ' ' + unit : '');
      return trim(v, decimals) + (unit ? ' ' + unit : '');
    }
  }
}

export const UNITS = [['', 'none'], ['percent', 'percent (%)'], ['bytes', 'bytes'], ['bytes/s', 'bytes/s'],
  ['ms', 'milliseconds'], ['s', 'seconds'], ['ops', 'ops'], ['req/s', 'req/s']];
