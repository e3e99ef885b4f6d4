// Explore: an ad-hoc query with a big chart; the whole query and the time range live in the URL (shareable).
import { ChartView, normalize } from '../chart.js';
import { chartForm } from '../chart-form.js';
import { timeControls } from '../time-controls.js';
import { resolve } from '../time.js';
import { h } from '../ui.js';

export default function explore({ root, url, setQuery }) {
  let chart;
  try { chart = normalize(JSON.parse(url.searchParams.get('q') || '{}')); } catch { chart = normalize({}); }
  const metric = url.searchParams.get('metric');
  if (metric && !chart.queries[0].metric) chart.queries[0].metric = metric;
  let range = { from: url.searchParams.get('from') || 'now-1h', to: url.searchParams.get('to') || 'now' };

  const chartEl = h('div.explore-chart.panel');
  const view = new ChartView(chartEl, {
    onZoom: (start, end) => controls.set({ from: String(start * 1000), to: String(end * 1000) }),
  });
  const redraw = () => {
    const { start, end } = resolve(range);
    view.load(chart, { start, end, points: Math.min(1000, Math.round(chartEl.clientWidth / 2)) || 300 });
  };
  let timer;
  const onChange = () => {
    const { title, ...rest } = chart;
    setQuery({ q: JSON.stringify(rest) });
    clearTimeout(timer);
    timer = setTimeout(redraw, 250);
  };
  const controls = timeControls(range, {
    onChange: r => { range = r; setQuery({ from: r.from, to: r.to === 'now' ? null : r.to }); redraw(); },
    onRefresh: redraw,
    refresh: url.searchParams.get('refresh') || '',
    onRefreshChange: r => setQuery({ refresh: r }),
  });
  root.append(
    h('div.page-head', h('h1', 'Explore'), h('span.muted', 'ad-hoc queries; the URL holds the query, share it'),
      h('div.spacer'), controls.el),
    chartEl,
    h('div.editor-form', { style: { padding: 0 } }, chartForm(chart, onChange, { title: false })));
  redraw();
  return () => { controls.destroy(); view.destroy(); clearTimeout(timer); };
}
