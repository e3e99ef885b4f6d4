// One chart: runs its queries against the query API and draws them (uPlot for time series; SVG for gauge and
// pie; HTML for single numbers and TopN tables), with a legend (min/max/avg/last), tooltips, zoom by selection,
// and a clear message instead of a blank box when there is no data, a refused query or an error.
import uPlot from 'uplot';
import { query, names, ApiError } from './api.js';
import { autoDownsample, formatDuration, formatTime, formatValue, seconds } from './time.js';
import { h, mount } from './ui.js';

export const TYPES = [
  ['line', 'Line'], ['area', 'Area'], ['stacked', 'Stacked'], ['bar', 'Bar'],
  ['number', 'Number'], ['gauge', 'Gauge'], ['pie', 'Pie'], ['topn', 'TopN table'],
];
export const AGGREGATIONS = ['avg', 'sum', 'max', 'min', 'count'];
export const DOWNSAMPLES = ['', '10s', '30s', '1m', '5m', '10m', '30m', '1h', '6h', '1d'];

const PALETTE = ['#5b9cf5', '#f5a623', '#4cc38a', '#e8615a', '#a57cf0', '#3fc1c9', '#f07bbf', '#c6d64a',
  '#ff8c42', '#7aa2c8', '#b5835a', '#62d2a2', '#d05bd6', '#e3c567', '#8c9eff', '#ff6f91', '#2ec4b6', '#9e9e9e',
  '#ffb997', '#70a1d7'];
export const color = i => PALETTE[i % PALETTE.length];

/** A chart as stored with a dashboard, with every field filled in. */
export function normalize(chart) {
  const c = chart || {};
  return {
    ...c,
    title: c.title || '',
    type: TYPES.some(t => t[0] === c.type) ? c.type : 'line',
    aggregation: AGGREGATIONS.includes(c.aggregation) ? c.aggregation : 'avg',
    downsample: c.downsample || '',
    limit: c.limit || 10,
    order: c.order === 'asc' ? 'asc' : 'desc',
    queries: (c.queries && c.queries.length ? c.queries : [{ metric: '' }]).map(q => ({
      metric: q.metric || '', tags: { ...(q.tags || {}) }, groupBy: [...(q.groupBy || [])],
      alias: q.alias || '', offset: q.offset || 0,
    })),
    options: { unit: '', min: null, max: null, decimals: null, reduce: 'last', legend: true, ...(c.options || {}) },
  };
}

/** The label of one answer line: the alias with {tag} placeholders, else its distinguishing tags. */
function label(q, line, multiQuery) {
  if (q.alias) return q.alias.replace(/\{(\w+)\}/g, (m, k) => k === 'metric' ? line.metric : (line.tags[k] ?? m));
  const keys = new Set(q.groupBy);
  for (const [k, v] of Object.entries(q.tags)) if (String(v).endsWith('*')) keys.add(k);
  const parts = [...keys].filter(k => line.tags[k] != null).map(k => k + '=' + line.tags[k]);
  const offset = q.offset ? ' (' + formatDuration(q.offset) + ' ago)' : '';
  if (!parts.length) return line.metric + offset;
  return (multiQuery ? line.metric + ' ' : '') + parts.join(', ') + offset;
}

/** The tags of a query with the dashboard variables added (only where the metric has that tag key). */
async function effectiveTags(q, filters) {
  const tags = { ...q.tags };
  const keys = Object.keys(filters || {}).filter(k => filters[k] && filters[k] !== '*' && !(k in tags));
  if (keys.length) {
    let metricKeys = [];
    try { metricKeys = await names.tagKeys(q.metric); } catch { /* the query itself will report */ }
    for (const k of keys) if (metricKeys.includes(k)) tags[k] = filters[k];
  }
  return tags;
}

/**
 * Runs a chart's queries for [start, end]. Resolves to {kind: 'series', step, series: [{label, ts[], vs[]}]} or
 * {kind: 'topn', rows}; rejects with an ApiError.
 */
export async function fetchChart(chart, env, signal) {
  const c = normalize(chart);
  const queries = c.queries.filter(q => q.metric);
  if (!queries.length) throw new ApiError('refused', 0, 'no metric chosen yet: pick a metric in the editor');
  const span = env.end - env.start;
  const step = seconds(c.downsample) || autoDownsample(span, env.points || 300);
  if (c.type === 'topn') {
    const q = queries[0];
    const tags = await effectiveTags(q, env.filters);
    const star = Object.keys(tags).find(k => String(tags[k]) === '*') || q.groupBy[0];
    if (!star) throw new ApiError('refused', 0, 'a TopN table ranks one tag: choose it under "group by"');
    tags[star] = '*';
    const rows = await query('topn', {
      start: env.start, end: env.end, aggregator: c.aggregation, down_sample: formatDuration(step),
      limit: c.limit, order: c.order, metric: q.metric, tags,
    }, signal);
    return { kind: 'topn', key: star, rows };
  }
  const answers = await Promise.all(queries.map(async q => {
    const tags = await effectiveTags(q, env.filters);
    const lines = await query('range', {
      start: env.start - q.offset, end: env.end - q.offset, aggregator: c.aggregation,
      down_sample: formatDuration(step),
      metrics: [{ metric: q.metric, tags, ...(q.groupBy.length ? { group_by: q.groupBy } : {}) }],
    }, signal);
    return lines.map(line => ({
      label: label(q, line, queries.length > 1), tags: line.tags, metric: line.metric,
      ts: line.dps.map(d => d.ts + q.offset), vs: line.dps.map(d => d.v),
    }));
  }));
  return { kind: 'series', step, series: answers.flat() };
}

function stats(vs) {
  let min = Infinity, max = -Infinity, sum = 0, n = 0, last = null;
  for (const v of vs) {
    if (v == null || Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v; n++; last = v;
  }
  return n ? { min, max, avg: sum / n, last, sum } : { min: null, max: null, avg: null, last: null, sum: null };
}

/** Puts the series on one time axis (the union of timestamps), null where a series has no point. */
function align(series) {
  const all = new Set();
  for (const s of series) for (const t of s.ts) all.add(t);
  const xs = Float64Array.from(all).sort();
  const at = new Map();
  xs.forEach((t, i) => at.set(t, i));
  const ys = series.map(s => {
    const out = new Array(xs.length).fill(null);
    s.ts.forEach((t, i) => { out[at.get(t)] = s.vs[i]; });
    return out;
  });
  return { xs: Array.from(xs), ys };
}

const css = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const alpha = (hex, a) => hex + Math.round(a * 255).toString(16).padStart(2, '0');

/**
 * A chart drawn into an element. `load(chart, env)` queries and draws; `onZoom(start, end)` is called with epoch
 * seconds when the user selects a span; `onDrawn()` after every draw or message.
 */
export class ChartView {
  constructor(el, { onZoom, onDrawn } = {}) {
    this.el = el;
    this.onZoom = onZoom;
    this.onDrawn = onDrawn;
    this.root = h('div.chart');
    el.append(this.root);
    this.plot = null;
    this.seq = 0;
    this.hidden = new Set();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.el);
  }

  async load(chart, env) {
    const mine = ++this.seq;
    this.abort?.abort();
    this.abort = new AbortController();
    this.chart = normalize(chart);
    this.env = env;
    const bar = h('div.loading-bar');
    this.root.append(bar);
    let result;
    try {
      result = await fetchChart(this.chart, env, this.abort.signal);
    } catch (e) {
      if (mine !== this.seq || e.name === 'AbortError') return;
      bar.remove();
      this.showError(e);
      return;
    }
    if (mine !== this.seq) return;
    bar.remove();
    this.result = result;
    this.draw();
  }

  draw() {
    const { chart: c, result } = this;
    this.destroyPlot();
    mount(this.root);
    this.root.dataset.state = 'drawn';
    if (result.kind === 'topn') {
      if (!result.rows.length) return this.showNoData();
      this.drawTopN(result);
    } else {
      const series = result.series.filter(s => s.vs.some(v => v != null));
      if (!series.length) return this.showNoData();
      if (c.type === 'number') this.drawNumber(series);
      else if (c.type === 'gauge') this.drawGauge(series);
      else if (c.type === 'pie') this.drawPie(series);
      else this.drawTimeSeries(series);
    }
    this.onDrawn?.();
  }

  message(kind, title, detail) {
    this.destroyPlot();
    this.root.dataset.state = kind;
    mount(this.root, h('div.msg', { class: kind }, h('strong', title), detail && h('div.detail', detail)));
    this.onDrawn?.();
  }

  showNoData() {
    const { start, end } = this.env;
    const metrics = this.chart.queries.map(q => q.metric).filter(Boolean).join(', ');
    this.message('nodata', 'No data', metrics + ' has no points between ' + formatTime(start) + ' and '
      + formatTime(end) + '.');
  }

  showError(e) {
    if (e instanceof ApiError && (e.kind === 'refused' || e.kind === 'missing')) {
      this.message('refused', 'Query refused', e.message);
    } else {
      this.message('error', 'Could not load this chart', e.message || String(e));
    }
  }

  reduce(s) {
    const st = stats(s.vs);
    return st[this.chart.options.reduce] ?? st.last;
  }

  fmt(v) {
    return formatValue(v, this.chart.options.unit, this.chart.options.decimals ?? undefined);
  }

  drawNumber(series) {
    const shown = series.slice(0, 6);
    mount(this.root, h('div.big-number', shown.map((s, i) => h('div.tile',
      h('div.value', { style: { color: shown.length > 1 ? color(i) : 'var(--text)' } }, this.fmt(this.reduce(s))),
      h('div.label', s.label)))));
  }

  drawGauge(series) {
    const o = this.chart.options;
    const v = this.reduce(series[0]);
    const min = o.min ?? 0;
    const max = o.max ?? (o.unit === 'percent' ? 100 : Math.max(1, niceCeil(stats(series[0].vs).max * 1.2)));
    const frac = Math.max(0, Math.min(1, (v - min) / (max - min || 1)));
    const col = frac > 0.9 ? css('--danger') : frac > 0.75 ? css('--warn') : css('--ok');
    const arc = f => {
      const a = Math.PI * (1 - f);
      return [100 + 80 * Math.cos(a), 100 - 80 * Math.sin(a)];
    };
    const [x1, y1] = arc(0), [x2, y2] = arc(frac), [x3, y3] = arc(1);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 200 120');
    svg.innerHTML = `<path d="M${x1} ${y1} A80 80 0 0 1 ${x3} ${y3}" fill="none" stroke="${css('--grid')}" stroke-width="18"/>`
      + (frac > 0 ? `<path d="M${x1} ${y1} A80 80 0 0 1 ${x2} ${y2}" fill="none" stroke="${col}" stroke-width="18"/>` : '')
      + `<text x="100" y="92" text-anchor="middle" font-size="26" font-weight="650" fill="${css('--text')}"></text>`
      + `<text x="22" y="116" text-anchor="middle" font-size="10" fill="${css('--muted')}"></text>`
      + `<text x="178" y="116" text-anchor="middle" font-size="10" fill="${css('--muted')}"></text>`;
    const texts = svg.querySelectorAll('text');
    texts[0].textContent = this.fmt(v);
    texts[1].textContent = this.fmt(min);
    texts[2].textContent = this.fmt(max);
    mount(this.root, h('div.gauge', svg), h('div.label.muted', { style: { textAlign: 'center', fontSize: '12px' } },
      series[0].label));
  }

  drawPie(series) {
    const parts = series.map((s, i) => ({ label: s.label, v: Math.max(0, this.reduce(s) || 0), color: color(i) }))
      .filter(p => p.v > 0);
    const total = parts.reduce((a, p) => a + p.v, 0);
    if (!total) return this.showNoData();
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 200 200');
    let a0 = -Math.PI / 2;
    for (const p of parts) {
      const a1 = a0 + 2 * Math.PI * p.v / total;
      const path = document.createElementNS(ns, 'path');
      if (parts.length === 1) {
        path.setAttribute('d', 'M100 10 A90 90 0 1 1 99.99 10 Z');
      } else {
        const large = a1 - a0 > Math.PI ? 1 : 0;
        path.setAttribute('d', `M100 100 L${100 + 90 * Math.cos(a0)} ${100 + 90 * Math.sin(a0)} A90 90 0 ${large} 1 `
          + `${100 + 90 * Math.cos(a1)} ${100 + 90 * Math.sin(a1)} Z`);
      }
      path.setAttribute('fill', p.color);
      path.setAttribute('stroke', css('--panel'));
      const title = document.createElementNS(ns, 'title');
      title.textContent = p.label + ': ' + this.fmt(p.v) + ' (' + (100 * p.v / total).toFixed(1) + '%)';
      path.append(title);
      svg.append(path);
      a0 = a1;
    }
    mount(this.root, h('div.pie', svg, h('div.pie-legend', parts.map(p => h('div',
      h('span.swatch', { style: { background: p.color, width: '10px', height: '10px', display: 'inline-block', borderRadius: '2px' } }),
      h('span', p.label), h('span.muted', this.fmt(p.v) + ' · ' + (100 * p.v / total).toFixed(1) + '%'))))));
  }

  drawTopN(result) {
    const max = Math.max(...result.rows.map(r => Math.abs(r.value)), 1e-12);
    mount(this.root, h('div.topn', h('table',
      h('tr', h('th', '#'), h('th', result.key), h('th', { style: { width: '40%' } }), h('th', { style: { textAlign: 'right' } }, 'value')),
      result.rows.map((r, i) => h('tr', h('td.muted', String(i + 1)), h('td', r.name),
        h('td', h('div.bar', { style: { width: (100 * Math.abs(r.value) / max).toFixed(1) + '%' } })),
        h('td.v', this.fmt(r.value)))))));
  }

  drawTimeSeries(series) {
    const c = this.chart;
    const { xs, ys } = align(series);
    const stacked = c.type === 'stacked';
    let data = ys;
    if (stacked) {
      // cumulative sums, drawn from the top band down so each lower band paints over the one above it
      const acc = new Array(xs.length).fill(0);
      const cum = ys.map(y => y.map((v, i) => (acc[i] += v ?? 0)));
      data = cum.reverse();
    }
    const order = stacked ? series.map((_, i) => series.length - 1 - i) : series.map((_, i) => i);
    const plotEl = h('div.plot');
    const legendEl = c.options.legend !== false ? h('div.legend') : null;
    mount(this.root, plotEl, legendEl);
    const axis = css('--axis'), grid = css('--grid');
    const bars = c.type === 'bar' ? uPlot.paths.bars({ size: [0.7, 60] }) : null;
    const fmt = v => this.fmt(v);
    if (legendEl) this.drawLegend(legendEl, series, order); // first, so the plot gets the height that is left
    const opts = {
      width: Math.max(50, plotEl.clientWidth), height: Math.max(50, plotEl.clientHeight),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 6 } },
      select: { show: true },
      scales: {
        x: { time: true, range: [this.env.start, this.env.end] },
        y: {
          range: (u, min, max) => yRange(...withThresholds(min, max, c.options.thresholds), c.options,
            stacked || c.type === 'bar' || c.type === 'area'),
        },
      },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 56,
          values: (u, vals) => vals.map(fmt) },
      ],
      series: [{}].concat(order.map(i => {
        const col = color(i);
        return {
          label: series[i].label, stroke: col, width: 1.5, spanGaps: false,
          show: !this.hidden.has(series[i].label),
          fill: stacked || c.type === 'area' ? alpha(col, stacked ? 0.55 : 0.18) : c.type === 'bar' ? alpha(col, 0.7) : undefined,
          paths: bars || undefined,
          points: { show: false },
        };
      })),
      hooks: {
        setSelect: [u => {
          if (u.select.width < 5) return;
          const a = Math.floor(u.posToVal(u.select.left, 'x'));
          const b = Math.ceil(u.posToVal(u.select.left + u.select.width, 'x'));
          u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
          if (b - a >= 10 && this.onZoom) this.onZoom(a, b);
        }],
        setCursor: [u => this.tooltip(u, series, order)],
        draw: [u => drawThresholds(u, c.options.thresholds, css('--danger'))],
      },
    };
    this.plot = new uPlot(opts, [xs, ...data], plotEl);
    this.tip = h('div.tooltip', { hidden: true });
    this.plot.over.append(this.tip);
    this.plot.over.addEventListener('mouseleave', () => { this.tip.hidden = true; });
  }

  tooltip(u, series, order) {
    const idx = u.cursor.idx;
    if (idx == null || u.cursor.left < 0) { this.tip.hidden = true; return; }
    const t = u.data[0][idx];
    const rows = series.map((s, i) => ({ s, i, v: s.vs[s.ts.indexOf(t)] }))
      .filter(r => r.v != null && !this.hidden.has(r.s.label))
      .sort((a, b) => b.v - a.v);
    if (!rows.length) { this.tip.hidden = true; return; }
    mount(this.tip, h('div.t', formatTime(t, true)), rows.slice(0, 12).map(r => h('div.r',
      h('span.swatch', { style: { background: color(r.i), width: '8px', height: '8px', borderRadius: '2px' } }),
      h('span.n', r.s.label), h('span.v', this.fmt(r.v)))),
      rows.length > 12 ? h('div.muted', '+' + (rows.length - 12) + ' more') : null);
    this.tip.hidden = false;
    const w = u.over.clientWidth, tw = this.tip.offsetWidth;
    const left = u.cursor.left + 14 + tw > w ? u.cursor.left - tw - 14 : u.cursor.left + 14;
    this.tip.style.left = Math.max(0, left) + 'px';
    this.tip.style.top = Math.max(0, Math.min(u.cursor.top, u.over.clientHeight - this.tip.offsetHeight)) + 'px';
  }

  drawLegend(el, series, order) {
    const rows = series.map((s, i) => {
      const st = stats(s.vs);
      const tr = h('tr', { class: this.hidden.has(s.label) ? 'off' : '', title: 'click to hide or show' },
        h('td.name', h('span.swatch', { style: { background: color(i) } }), s.label),
        h('td', this.fmt(st.min)), h('td', this.fmt(st.max)), h('td', this.fmt(st.avg)), h('td', this.fmt(st.last)));
      tr.querySelector('td.name').addEventListener('click', () => {
        const on = this.hidden.has(s.label);
        if (on) this.hidden.delete(s.label); else this.hidden.add(s.label);
        tr.classList.toggle('off', !on);
        this.plot?.setSeries(order.indexOf(i) + 1, { show: on });
      });
      return tr;
    });
    mount(el, h('table', h('tr', h('th', 'series'), h('th', 'min'), h('th', 'max'), h('th', 'avg'), h('th', 'last')), rows));
  }

  resize() {
    if (!this.plot) return;
    const plotEl = this.plot.root.parentElement;
    if (!plotEl || !plotEl.clientWidth) return;
    this.plot.setSize({ width: plotEl.clientWidth, height: Math.max(50, plotEl.clientHeight) });
  }

  destroyPlot() {
    if (this.plot) { this.plot.destroy(); this.plot = null; }
  }

  destroy() {
    this.seq++;
    this.abort?.abort();
    this.resizeObserver.disconnect();
    this.destroyPlot();
    this.root.remove();
  }
}

/** Bounds (e.g. an alarm rule's) as dashed horizontal lines over the plot. */
function drawThresholds(u, values, color) {
  if (!values || !values.length) return;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  for (const v of values) {
    const y = Math.round(u.valToPos(v, 'y', true));
    if (y < bbox.top || y > bbox.top + bbox.height) continue;
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}

function withThresholds(min, max, values) {
  for (const v of values || []) {
    if (min == null || v < min) min = v;
    if (max == null || v > max) max = v;
  }
  return [min, max];
}

function niceCeil(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

function yRange(min, max, o, fromZero) {
  if (min == null || max == null) return [0, 1];
  let lo = o.min ?? (fromZero ? Math.min(0, min) : min);
  let hi = o.max ?? max;
  if (lo === 0 && hi === 0) return [0, 1];
  if (lo === hi) { hi = lo + Math.max(1, Math.abs(lo) * 0.1); if (o.min == null && !fromZero) lo -= Math.max(1, Math.abs(lo) * 0.1); }
  const pad = (hi - lo) * 0.05;
  return [o.min ?? (lo === 0 ? 0 : lo - pad), o.max ?? hi + pad];
}
