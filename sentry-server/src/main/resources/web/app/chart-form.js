// The form that edits a chart's queries and display (used by the chart editor and the explore page). It edits a
// normalized chart in place and calls onChange after every edit, so the caller can redraw a live preview.
import { names } from './api.js';
import { AGGREGATIONS, DOWNSAMPLES, TYPES, normalize } from './chart.js';
import { UNITS } from './time.js';
import { h, mount, suggest } from './ui.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Builds the form. `chart` is normalized and then mutated; `onChange(chart)` follows every edit.
 * Options: {title: show the title field, display: show the display options}.
 */
export function chartForm(chart, onChange, { title = true, display = true } = {}) {
  const c = Object.assign(chart, normalize(chart));
  const changed = () => onChange(c);
  const queriesEl = h('div.queries');
  const root = h('div.chart-form', { style: { display: 'contents' } });

  const renderQueries = () => {
    mount(queriesEl, c.queries.map((q, i) => queryBox(c, q, i, changed, () => {
      c.queries.splice(i, 1);
      if (!c.queries.length) c.queries.push(normalize({}).queries[0]);
      renderQueries(); changed();
    })), h('button', {
      id: 'add-query', type: 'button',
      onclick: () => { c.queries.push(normalize({}).queries[0]); renderQueries(); changed(); },
    }, '+ Add query'));
  };
  renderQueries();

  const select = (id, options, value, set) => h('select', {
    id, onchange: e => { set(e.target.value); changed(); },
  }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));

  const typeButtons = h('div.types', TYPES.map(([t, text]) => h('button', {
    type: 'button', class: c.type === t ? 'on' : '', dataset: { type: t },
    onclick: e => {
      c.type = t;
      typeButtons.querySelectorAll('button').forEach(b => b.classList.toggle('on', b.dataset.type === t));
      topnRow.hidden = t !== 'topn';
      changed();
    },
  }, text)));
  const num = (id, value, set, placeholder) => h('input', {
    id, type: 'number', value: value ?? '', placeholder, step: 'any', style: { width: '100%' },
    oninput: e => { set(e.target.value === '' ? null : Number(e.target.value)); changed(); },
  });
  const topnRow = h('div.row', { hidden: c.type !== 'topn' },
    h('label.field.grow', h('span', 'Top N'), num('chart-limit', c.limit, v => { c.limit = v || 10; })),
    h('label.field.grow', h('span', 'Order'), select('chart-order', [['desc', 'highest first'], ['asc', 'lowest first']],
      c.order, v => { c.order = v; })));

  const side = h('div.options',
    title ? h('label.field', h('span', 'Title'), h('input', {
      id: 'chart-title', value: c.title, placeholder: 'Chart title',
      oninput: e => { c.title = e.target.value; changed(); },
    })) : null,
    h('label.field', h('span', 'Visualization'), typeButtons),
    h('div.row',
      h('label.field.grow', h('span', 'Aggregation'),
        select('chart-aggregation', AGGREGATIONS.map(a => [a, a]), c.aggregation, v => { c.aggregation = v; })),
      h('label.field.grow', h('span', 'Downsample'),
        select('chart-downsample', DOWNSAMPLES.map(d => [d, d || 'auto']), c.downsample, v => { c.downsample = v; }))),
    topnRow,
    display ? [
      h('div.row',
        h('label.field.grow', h('span', 'Unit'), select('chart-unit', UNITS, c.options.unit, v => { c.options.unit = v; })),
        h('label.field.grow', h('span', 'Value shown'), select('chart-reduce',
          [['last', 'last'], ['avg', 'average'], ['max', 'max'], ['min', 'min'], ['sum', 'sum']],
          c.options.reduce, v => { c.options.reduce = v; }))),
      h('div.row',
        h('label.field.grow', h('span', 'Y min'), num('chart-min', c.options.min, v => { c.options.min = v; }, 'auto')),
        h('label.field.grow', h('span', 'Y max'), num('chart-max', c.options.max, v => { c.options.max = v; }, 'auto'))),
    ] : null);

  root.append(h('div', queriesEl), side);
  return root;
}

function queryBox(c, q, i, changed, remove) {
  const box = h('div.query-box', { dataset: { index: i } });
  const metric = h('input.grow', {
    class: 'metric-input', placeholder: 'metric, e.g. sentry_sys_cpu_usage', value: q.metric, style: { width: '100%' },
    onchange: e => { if (q.metric !== e.target.value.trim()) { q.metric = e.target.value.trim(); renderTags(); changed(); } },
  });
  const tagsEl = h('div.tags');
  const groupEl = h('div.chips');
  const renderTags = async () => {
    const rows = Object.entries(q.tags).map(([k, v]) => tagRow(q, k, v, renderTags, changed));
    mount(tagsEl, rows, h('button', {
      type: 'button', class: 'add-tag', onclick: () => {
        mount(tagsEl, rows, tagRow(q, '', '', renderTags, changed, true));
      },
    }, '+ Tag filter'));
    let keys = [];
    if (q.metric) { try { keys = await names.tagKeys(q.metric); } catch { keys = []; } }
    mount(groupEl, keys.length ? keys.map(k => h('span.chip', {
      class: q.groupBy.includes(k) ? 'on' : '', dataset: { key: k },
      onclick: e => {
        if (q.groupBy.includes(k)) q.groupBy = q.groupBy.filter(x => x !== k); else q.groupBy.push(k);
        e.target.classList.toggle('on', q.groupBy.includes(k));
        changed();
      },
    }, k)) : h('span.muted', q.metric ? 'this metric has no tags' : 'pick a metric first'));
  };
  const metricBox = h('div.grow', metric);
  box.append(
    h('div.qhead', h('span.letter', LETTERS[i] || '#'), metricBox,
      h('input', {
        placeholder: 'legend, e.g. {host}', value: q.alias, title: 'series name; {tag} is replaced by its value',
        style: { width: '160px' }, class: 'alias-input', oninput: e => { q.alias = e.target.value; changed(); },
      }),
      h('button.ghost', { type: 'button', title: 'remove this query', onclick: remove }, '✕')),
    h('label.field', h('span', 'Tag filters'), tagsEl),
    h('label.field', h('span', 'Group by'), groupEl));
  suggest(metric, prefix => names.metrics(prefix.trim()));
  renderTags();
  return box;
}

/** One "key = value" row; the value input suggests the key's values (filtered by the other tags). */
function tagRow(q, key, value, rerender, changed, fresh = false) {
  let k = key;
  const keyInput = h('input', { placeholder: 'tag', value: key, class: 'tag-key' });
  const valueInput = h('input', { placeholder: 'value, * or a||b', value, class: 'tag-value' });
  const commit = () => {
    const nk = keyInput.value.trim(), nv = valueInput.value.trim();
    if (k && k !== nk) delete q.tags[k];
    if (nk && nv) { q.tags[nk] = nv; k = nk; changed(); }
    else if (k && !nk) { changed(); }
  };
  keyInput.addEventListener('change', commit);
  valueInput.addEventListener('change', commit);
  const row = h('div.tag-row', keyInput, h('span.muted', '='), valueInput, h('button.ghost', {
    type: 'button', title: 'remove this filter',
    onclick: () => { if (k) delete q.tags[k]; rerender(); changed(); },
  }, '✕'));
  suggest(keyInput, async () => (q.metric ? (await names.tagKeys(q.metric)).filter(x => !(x in q.tags) || x === k) : []));
  suggest(valueInput, async text => {
    const tk = keyInput.value.trim();
    if (!q.metric || !tk) return [];
    const others = Object.fromEntries(Object.entries(q.tags).filter(([x, v]) => x !== tk && !String(v).includes('*')
      && !String(v).includes('||') && !x.startsWith('!=')));
    const values = await names.tagValues(q.metric, tk, text.includes('*') || text.includes('|') ? '' : text, others);
    return ['*', ...values];
  });
  if (fresh) setTimeout(() => keyInput.focus(), 0);
  return row;
}
