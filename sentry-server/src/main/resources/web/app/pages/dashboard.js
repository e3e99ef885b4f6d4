// A dashboard: a 12-column grid of charts (drag by the title, resize by the corner, then save the layout), the
// time range, auto-refresh and the dashboard-wide tag variable, all mirrored in the URL so a link shows the same.
import { names } from '../api.js';
import { ChartView, normalize } from '../chart.js';
import { openEditor } from '../editor.js';
import { charts as chartApi, dashboards } from '../meta.js';
import { timeControls } from '../time-controls.js';
import { resolve } from '../time.js';
import { confirmDialog, h, mount, promptDialog, toast } from '../ui.js';

export default async function dashboardPage({ root, params, url, setQuery, navigate, user }) {
  const id = params[0];
  const canEdit = !user || user.role !== 'viewer';
  mount(root, h('div.page-loading', 'Loading dashboard…'));
  let dash, list;
  try {
    ({ dashboard: dash, charts: list } = await dashboards.get(id));
  } catch (e) {
    mount(root, h('div.empty', h('h1', e.kind === 'missing' ? 'No such dashboard' : 'Could not open the dashboard'),
      h('p', e.message), h('a', { href: '/dashboards', 'data-link': true }, 'Back to the dashboards')));
    return;
  }
  document.title = dash.name + ' · sentry';

  let range = { from: url.searchParams.get('from') || 'now-1h', to: url.searchParams.get('to') || 'now' };
  const variable = dash.variable;
  const filters = {};
  if (variable) filters[variable.key] = url.searchParams.get('var-' + variable.key) || '';

  const views = new Map(); // chart id → {chart, view, item}
  let drawnPending = 0;
  let loadStarted = 0;

  const env = () => ({ ...resolve(range), filters });
  const loadAll = () => {
    loadStarted = performance.now();
    drawnPending = views.size;
    for (const v of views.values()) v.view.load(v.chart, { ...env(), points: pointsFor(v) });
  };
  const pointsFor = v => Math.max(60, Math.min(600, Math.round((v.item.clientWidth || 600) / 2)));
  const onDrawn = () => {
    if (drawnPending > 0 && --drawnPending === 0) {
      // the speed test reads this mark: every chart of the page has data drawn (or its message shown)
      performance.mark('sentry:dashboard-drawn', { detail: { charts: views.size, ms: performance.now() - loadStarted } });
      root.dataset.drawn = String(Number(root.dataset.drawn || 0) + 1);
    }
  };

  const controls = timeControls(range, {
    onChange: r => { range = r; setQuery({ from: r.from, to: r.to === 'now' ? null : r.to }, { replace: false }); loadAll(); },
    onRefresh: loadAll,
    refresh: url.searchParams.get('refresh') || '',
    onRefreshChange: r => setQuery({ refresh: r }),
  });

  const layoutNote = h('span', { id: 'layout-state', class: 'saved-note' });
  const saveLayoutBtn = h('button.primary', { id: 'save-layout', hidden: true, onclick: saveLayout }, 'Save layout');
  const toolbar = h('div.dash-toolbar',
    h('a', { href: '/dashboards', 'data-link': true, class: 'muted', title: 'all dashboards' }, 'Dashboards ›'),
    h('h1', { id: 'dashboard-title' }, dash.name),
    canEdit ? h('button.ghost', { title: 'rename', id: 'rename-dashboard', onclick: rename }, '✎') : null,
    variable ? variablePicker() : null,
    h('div.spacer', { style: { flex: 1 } }),
    layoutNote, saveLayoutBtn,
    canEdit ? h('button', { id: 'add-chart', onclick: () => edit(null) }, '+ Add chart') : null,
    controls.el);
  const gridEl = h('div.grid-stack', { id: 'dashboard-grid' });
  const emptyNote = h('div.gs-empty', { hidden: list.length > 0 }, 'This dashboard has no charts yet. ',
    canEdit ? h('a', { href: '#', onclick: e => { e.preventDefault(); edit(null); } }, 'Add the first chart') : null);
  mount(root, toolbar, emptyNote, gridEl);

  for (const c of list) gridEl.append(panel(c));
  const GridStack = window.GridStack.GridStack || window.GridStack;
  const grid = GridStack.init({
    column: 12, cellHeight: 80, margin: 4, float: false, animate: false,
    handle: '.panel-head .title', disableDrag: !canEdit, disableResize: !canEdit,
  }, gridEl);
  grid.on('change', () => {
    if (!canEdit) return;
    saveLayoutBtn.hidden = false;
    layoutNote.className = 'dirty-note';
    layoutNote.textContent = 'Layout changed';
  });
  grid.on('resizestop', (e, el) => views.get(el.getAttribute('gs-id'))?.view.resize());
  loadAll();

  function panel(c) {
    const chart = normalize(c);
    const item = h('div.grid-stack-item', {
      'gs-id': String(c.id), 'gs-x': c.grid.x, 'gs-y': c.grid.y, 'gs-w': c.grid.w, 'gs-h': c.grid.h,
      'gs-min-w': 2, 'gs-min-h': 2, dataset: { chartId: c.id },
    });
    const body = h('div.panel-body');
    const title = h('span.title', { title: canEdit ? 'drag to move' : '' }, chart.title || chart.queries[0].metric || 'untitled');
    const content = h('div.grid-stack-item-content.panel',
      h('div.panel-head', title, h('div.tools',
        h('button', { class: 'explore-chart', title: 'open in Explore', onclick: () => toExplore(chart) }, '↗'),
        canEdit ? [
          h('button', { class: 'edit-chart', title: 'edit', onclick: () => edit(views.get(String(c.id)).chart) }, '✎'),
          h('button', { class: 'delete-chart', title: 'delete', onclick: () => removeChart(String(c.id)) }, '✕'),
        ] : null)),
      body);
    item.append(content);
    const view = new ChartView(body, {
      onZoom: (a, b) => controls.set({ from: String(a * 1000), to: String(b * 1000) }),
      onDrawn,
    });
    views.set(String(c.id), { chart: { ...c, ...chart }, view, item, title });
    return item;
  }

  function variablePicker() {
    const select = h('select', {
      id: 'variable-' + variable.key,
      onchange: () => {
        filters[variable.key] = select.value;
        setQuery({ ['var-' + variable.key]: select.value }, { replace: false });
        loadAll();
      },
    }, h('option', { value: '' }, 'All'));
    const current = filters[variable.key];
    if (current) select.append(h('option', { value: current, selected: true }, current));
    names.tagValues(variable.metric, variable.key).then(values => {
      mount(select, h('option', { value: '' }, 'All'),
        [...new Set([...(current ? [current] : []), ...values])].sort()
          .map(v => h('option', { value: v, selected: v === current }, v)));
    }).catch(e => toast('Could not list the values of ' + variable.key + ': ' + e.message, 'error'));
    return h('label.var-picker', h('span', variable.key), select);
  }

  async function saveLayout() {
    // the engine's nodes, not grid.save(): save() drops values equal to the defaults (x 0, w = min-w…)
    const items = grid.engine.nodes.map(n => ({ id: n.id, x: n.x, y: n.y, w: n.w, h: n.h }));
    try {
      saveLayoutBtn.disabled = true;
      const saved = await chartApi.saveLayout(dash, items, [...views.values()].map(v => v.chart));
      for (const c of saved) {
        const v = views.get(String(c.id));
        if (v) Object.assign(v.chart, { version: c.version, grid: c.grid });
      }
      saveLayoutBtn.hidden = true;
      layoutNote.className = 'saved-note';
      layoutNote.textContent = 'Layout saved';
    } catch (e) {
      toast('Could not save the layout: ' + e.message, 'error');
    } finally {
      saveLayoutBtn.disabled = false;
    }
  }

  async function rename() {
    const name = await promptDialog('Rename dashboard', 'Name', dash.name, 'Rename');
    if (!name || name === dash.name) return;
    try {
      dash = await dashboards.update({ ...dash, name });
      toolbar.querySelector('#dashboard-title').textContent = dash.name;
    } catch (e) {
      toast('Could not rename: ' + e.message, 'error');
    }
  }

  function edit(chart) {
    setQuery({ edit: chart ? chart.id : 'new' }, { replace: false });
    openEditor({
      chart, env: env(),
      onSave: async edited => {
        if (chart) {
          const saved = await chartApi.update(dash, { ...chart, ...edited });
          const v = views.get(String(chart.id));
          v.chart = { ...saved, ...normalize(saved) };
          v.title.textContent = v.chart.title || v.chart.queries[0].metric;
          v.view.load(v.chart, { ...env(), points: pointsFor(v) });
        } else {
          const bottom = Math.max(0, ...grid.engine.nodes.map(n => n.y + n.h));
          const saved = await chartApi.create(dash, { ...edited, grid: { x: 0, y: bottom, w: 6, h: 4 } });
          const item = panel(saved);
          gridEl.append(item);
          grid.makeWidget(item);
          emptyNote.hidden = true;
          const v = views.get(String(saved.id));
          v.view.load(v.chart, { ...env(), points: pointsFor(v) });
        }
        toast('Chart saved');
      },
      onClose: () => setQuery({ edit: null }),
    });
  }

  async function removeChart(chartId) {
    const v = views.get(chartId);
    if (!await confirmDialog('Delete chart', 'Delete "' + (v.chart.title || 'untitled') + '" from this dashboard?')) return;
    try {
      await chartApi.remove(dash, v.chart);
      v.view.destroy();
      grid.removeWidget(v.item);
      views.delete(chartId);
      emptyNote.hidden = views.size > 0;
    } catch (e) {
      toast('Could not delete the chart: ' + e.message, 'error');
    }
  }

  function toExplore(chart) {
    const { id: _id, grid: _g, version: _v, title: _t, ...rest } = chart;
    const q = new URLSearchParams({ q: JSON.stringify(rest), from: range.from });
    if (range.to !== 'now') q.set('to', range.to);
    navigate('/explore?' + q);
  }

  const onTheme = () => { for (const v of views.values()) if (v.view.result) v.view.draw(); };
  window.addEventListener('sentry:theme', onTheme);
  const editParam = url.searchParams.get('edit');
  if (editParam && canEdit) edit(editParam === 'new' ? null : views.get(editParam)?.chart || null);

  return () => {
    controls.destroy();
    window.removeEventListener('sentry:theme', onTheme);
    for (const v of views.values()) v.view.destroy();
    grid.destroy(false);
    document.querySelector('.editor-backdrop')?.remove();
    document.title = 'sentry';
  };
}
