// The dashboard list: search, create, clone, delete, import and export as JSON.
import { dashboards } from '../meta.js';
import { confirmDialog, dialog, download, h, mount, promptDialog, toast } from '../ui.js';
import { formatTime } from '../time.js';

export default async function list({ root, url, navigate, setQuery, user }) {
  const canEdit = !user || user.role !== 'viewer';
  const search = h('input', {
    id: 'dashboard-search', type: 'search', placeholder: 'Search dashboards…', value: url.searchParams.get('q') || '',
    style: { width: '280px' }, oninput: () => { setQuery({ q: search.value }); render(); },
  });
  const importInput = h('input', {
    id: 'import-file', type: 'file', accept: '.json,application/json', hidden: true,
    onchange: async () => {
      const f = importInput.files[0];
      importInput.value = '';
      if (f) await importText(await f.text());
    },
  });
  const body = h('div', h('div.page-loading', 'Loading dashboards…'));
  root.append(
    h('div.page-head', h('h1', 'Dashboards'), search, h('div.spacer'),
      canEdit ? [
        h('button', { id: 'import-dashboard', onclick: () => importInput.click() }, '⇪ Import JSON'), importInput,
        h('button.primary', { id: 'new-dashboard', onclick: create }, '+ New dashboard'),
      ] : null),
    body);

  let all = [];
  async function load() {
    try {
      all = await dashboards.list();
      render();
    } catch (e) {
      mount(body, h('div.empty', h('strong', 'Could not list the dashboards'), h('p', e.message)));
    }
  }

  function render() {
    const q = search.value.trim().toLowerCase();
    const shown = all.filter(d => !q || d.name.toLowerCase().includes(q));
    if (!shown.length) {
      mount(body, h('div.empty', all.length ? 'No dashboard matches "' + search.value + '".'
        : 'No dashboards yet. Create one, or import a JSON export.'));
      return;
    }
    mount(body, h('table.list', { id: 'dashboard-list' },
      h('tr', h('th', 'Name'), h('th', 'Charts'), h('th', 'Updated'), h('th')),
      shown.map(d => h('tr', { dataset: { id: d.id } },
        h('td', h('a', { href: '/dashboards/' + d.id, 'data-link': true, class: 'dashboard-link' }, d.name)),
        h('td.muted', d.chartCount == null ? '' : String(d.chartCount)),
        h('td.muted', d.updated ? formatTime(Math.floor(d.updated / 1000)) : ''),
        h('td.actions',
          h('button', { class: 'export', title: 'download as JSON', onclick: () => exportOne(d) }, 'Export'),
          canEdit ? [
            h('button', { class: 'clone', onclick: () => clone(d) }, 'Clone'),
            h('button.danger', { class: 'delete', onclick: () => remove(d) }, 'Delete'),
          ] : null)))));
  }

  async function create() {
    const name = h('input', { id: 'new-dashboard-name', required: true, placeholder: 'e.g. Web servers' });
    const varMetric = h('input', { placeholder: 'metric (optional)', id: 'new-dashboard-var-metric' });
    const varKey = h('input', { placeholder: 'tag, e.g. host', id: 'new-dashboard-var-key' });
    const ok = await dialog('New dashboard', h('div', { style: { display: 'flex', flexDirection: 'column', gap: '12px' } },
      h('label.field', h('span', 'Name'), name),
      h('label.field', h('span', 'Dashboard-wide tag picker (optional)'), h('div.row', varMetric, varKey)),
    ), [{ label: 'Cancel', value: false }, { label: 'Create', value: true, kind: 'primary', submit: true }]);
    if (!ok || !name.value.trim()) return;
    try {
      const variable = varMetric.value.trim() && varKey.value.trim()
        ? { metric: varMetric.value.trim(), key: varKey.value.trim() } : null;
      const d = await dashboards.create({ name: name.value.trim(), variable });
      navigate('/dashboards/' + d.id);
    } catch (e) {
      toast('Could not create the dashboard: ' + e.message, 'error');
    }
  }

  async function clone(d) {
    const name = await promptDialog('Clone dashboard', 'Name of the copy', d.name + ' (copy)', 'Clone');
    if (!name) return;
    try {
      const copy = await dashboards.clone(d.id, name);
      toast('Cloned as "' + name + '"');
      navigate('/dashboards/' + copy.id);
    } catch (e) {
      toast('Could not clone: ' + e.message, 'error');
    }
  }

  async function remove(d) {
    if (!await confirmDialog('Delete dashboard', 'Delete "' + d.name + '" and all its charts? This cannot be undone.')) return;
    try {
      await dashboards.remove(d);
      toast('Deleted "' + d.name + '"');
      await load();
    } catch (e) {
      toast('Could not delete: ' + e.message, 'error');
    }
  }

  async function exportOne(d) {
    try {
      const doc = await dashboards.exportJson(d.id);
      download(d.name.replace(/[^\w.-]+/g, '_') + '.dashboard.json', JSON.stringify(doc, null, 2));
    } catch (e) {
      toast('Could not export: ' + e.message, 'error');
    }
  }

  async function importText(text) {
    let doc;
    try { doc = JSON.parse(text); } catch (e) { toast('That file is not JSON: ' + e.message, 'error'); return; }
    try {
      const d = await dashboards.importJson(doc);
      toast('Imported "' + d.name + '"');
      await load();
    } catch (e) {
      toast('Could not import: ' + e.message, 'error');
    }
  }

  await load();
}
