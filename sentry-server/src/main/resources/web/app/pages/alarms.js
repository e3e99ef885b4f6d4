// Alarm pages over /api/v1: rules (list and editor with a live preview of the query and its bounds), firing
// alerts, history, silences and contacts.
import { names, rest } from '../api.js';
import { AGGREGATIONS, ChartView } from '../chart.js';
import { formatTime, formatValue } from '../time.js';
import { confirmDialog, dialog, h, mount, suggest, toast } from '../ui.js';

const TABS = [['rules', 'Rules'], ['firing', 'Firing'], ['history', 'History'], ['silences', 'Silences'],
  ['contacts', 'Contacts']];
const RULE_TYPES = ['heartbeat', 'threshold', 'TopN', 'compare'];
const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const items = page => (Array.isArray(page) ? page : (page && page.items) || []);
const when = ms => (ms ? formatTime(Math.floor(ms / 1000), true) : '–');
const seriesText = s => (s && typeof s === 'object' ? Object.entries(s.tags || s).map(([k, v]) => k + '=' + v).join(', ') : String(s ?? ''));

export default async function alarms({ root, params, url, setQuery, user }) {
  const tab = TABS.find(t => t[0] === params[0]) || TABS[0];
  const canEdit = !user || user.role !== 'viewer';
  const body = h('div', h('div.page-loading', 'Loading…'));
  mount(root, h('div.page-head', h('h1', 'Alarms')),
    h('div.tabs', TABS.map(([k, text]) => h('a', { href: '/alarms/' + k, 'data-link': true, class: k === tab[0] ? 'active' : '' }, text))),
    body);
  const page = { rules, firing, history, silences, contacts }[tab[0]];
  try {
    return await page(body, { canEdit, url, setQuery });
  } catch (e) {
    mount(body, h('div.empty', h('strong', e.kind === 'missing' ? 'Alarms are not available on this server.'
      : 'Could not load ' + tab[1].toLowerCase()), h('p', e.message)));
  }
}

async function rules(body, { canEdit, url, setQuery }) {
  const list = items(await rest('GET', '/alarm-rules?limit=1000'));
  const open = rule => {
    setQuery({ edit: rule ? rule.id : 'new' }, { replace: false });
    ruleEditor(rule, async () => { setQuery({ edit: null }); await rules(body, { canEdit, url, setQuery }); },
      () => setQuery({ edit: null }));
  };
  mount(body,
    canEdit ? h('div.row', { style: { marginBottom: '12px' } }, h('div.grow'),
      h('button.primary', { id: 'new-rule', onclick: () => open(null) }, '+ New rule')) : null,
    list.length ? h('table.list', { id: 'rule-list' },
      h('tr', h('th', 'Name'), h('th', 'Type'), h('th', 'Query'), h('th', 'Condition'), h('th', 'Severity'), h('th', 'Enabled'), h('th')),
      list.map(r => {
        const ds = r.data_source || {}, tr = r.trigger || {};
        return h('tr', { dataset: { id: r.id } },
          h('td', h('a', { href: '#', onclick: e => { e.preventDefault(); if (canEdit) open(r); } }, r.name)),
          h('td', RULE_TYPES[r.type] || String(r.type)),
          h('td.mono', (ds.aggregation || '') + ' ' + (ds.metric || '') + (ds.tags && Object.keys(ds.tags).length ? '{' + seriesText(ds.tags) + '}' : '')),
          h('td', r.type === 0 ? 'no data for ' + r.query_range + ' s' : condition(tr)),
          h('td', h('span.badge', { class: r.severity }, r.severity)),
          h('td', r.enabled ? 'yes' : h('span.muted', 'no')),
          h('td.actions', canEdit ? h('button.danger', {
            onclick: async () => {
              if (!await confirmDialog('Delete rule', 'Delete the rule "' + r.name + '"?')) return;
              try { await rest('DELETE', '/alarm-rules/' + r.id); await rules(body, { canEdit, url, setQuery }); } catch (e) { toast(e.message, 'error'); }
            },
          }, 'Delete') : null));
      })) : h('div.empty', 'No alarm rules yet.' + (canEdit ? ' Create one: heartbeat, threshold, TopN or compare.' : '')));
  const edit = url.searchParams.get('edit');
  if (edit && canEdit) open(edit === 'new' ? null : list.find(r => String(r.id) === edit) || null);
}

function condition(t) {
  const parts = [];
  if (t.greater_than != null) parts.push('> ' + t.greater_than);
  if (t.less_than != null) parts.push('< ' + t.less_than);
  return parts.join(' or ') + (t.error_count > 1 ? ' ×' + t.error_count : '') || '–';
}

/** The rule editor over the page, with a preview of the rule's query over the last 6 hours and its bounds. */
function ruleEditor(rule, onSaved, onClose) {
  const r = rule ? JSON.parse(JSON.stringify(rule)) : {
    name: '', type: 1, query_range: 60, contacts: '', message: '', enabled: true, for_seconds: 0,
    repeat_interval_seconds: 3600, notify_resolved: true, severity: 'warning',
    data_source: { metric: '', tags: {}, aggregation: 'avg', down_sample: '1m' }, trigger: { error_count: 1 },
  };
  r.data_source = r.data_source || {};
  r.trigger = r.trigger || {};
  const ds = r.data_source, tr = r.trigger;
  const previewEl = h('div.editor-preview.panel', { style: { height: '260px', margin: '0 0 12px' } });
  const preview = new ChartView(previewEl);
  let timer;
  const redraw = () => {
    const end = Math.floor(Date.now() / 1000);
    const tags = { ...(ds.tags || {}) };
    const bounds = [tr.greater_than, tr.less_than].filter(v => v != null && v !== '').map(Number);
    preview.load({
      title: r.name, type: 'line', aggregation: ds.aggregation || 'avg', downsample: ds.down_sample || '',
      queries: [{ metric: ds.metric, tags }], options: { thresholds: bounds },
    }, { start: end - 6 * 3600, end, points: 300 });
  };
  const changed = () => { clearTimeout(timer); timer = setTimeout(redraw, 300); };
  const input = (label, value, set, attrs = {}) => h('label.field', attrs.grow === false ? {} : { class: 'grow' }, h('span', label), h('input', {
    value: value ?? '', ...attrs, oninput: e => { set(e.target.value); changed(); },
  }));
  const numOrNull = v => (v === '' ? null : Number(v));
  const select = (label, options, value, set, id) => h('label.field.grow', h('span', label), h('select', {
    id, onchange: e => { set(e.target.value); changed(); renderTypeFields(); },
  }, options.map(([v, t]) => h('option', { value: v, selected: String(v) === String(value) }, t))));
  const metric = h('input', { id: 'rule-metric', value: ds.metric || '', placeholder: 'metric', style: { width: '100%' },
    onchange: e => { ds.metric = e.target.value.trim(); changed(); } });
  const tagsInput = h('input', {
    id: 'rule-tags', value: Object.entries(ds.tags || {}).map(([k, v]) => k + '=' + v).join(', '),
    placeholder: 'host=*, dc=eu', style: { width: '100%' },
    onchange: e => {
      ds.tags = Object.fromEntries(e.target.value.split(',').map(s => s.trim()).filter(Boolean)
        .map(s => s.split('=').map(x => x.trim())).filter(p => p.length === 2 && p[0] && p[1]));
      changed();
    },
  });
  const typeFields = h('div.row');
  const renderTypeFields = () => mount(typeFields,
    Number(r.type) === 2 ? [
      select('Order', [['desc', 'highest first'], ['asc', 'lowest first']], ds.sort || 'desc', v => { ds.sort = v; }),
      input('Top N', ds.limit ?? 10, v => { ds.limit = numOrNull(v); }, { type: 'number', min: 1 })] : null,
    Number(r.type) === 3 ? [
      select('Compare as', [[0, 'difference'], [1, 'ratio %']], ds.compare_type ?? 0, v => { ds.compare_type = Number(v); }),
      input('Days ago', ds.compare_days_ago ?? 1, v => { ds.compare_days_ago = numOrNull(v); }, { type: 'number', min: 0, max: 7 }),
      input('and seconds', ds.compare_seconds ?? 0, v => { ds.compare_seconds = numOrNull(v); }, { type: 'number', min: 0 })] : null);
  renderTypeFields();
  const error = h('span.error-text');
  const close = () => { clearTimeout(timer); preview.destroy(); backdrop.remove(); };
  const save = async () => {
    error.textContent = '';
    try {
      const body = { ...r };
      for (const k of ['greater_than', 'less_than', 'error_count']) if (tr[k] == null || Number.isNaN(tr[k])) delete tr[k];
      if (rule) await rest('PUT', '/alarm-rules/' + rule.id, body);
      else await rest('POST', '/alarm-rules', body);
      close();
      toast('Rule saved');
      await onSaved();
    } catch (e) {
      error.textContent = e.message;
    }
  };
  const backdrop = h('div.editor-backdrop', h('div.editor', { id: 'rule-editor' },
    h('div.editor-head', h('h2', { style: { margin: 0 } }, rule ? 'Edit rule' : 'New rule'), h('div.grow'), error,
      h('button', { onclick: () => { close(); onClose(); } }, 'Cancel'),
      h('button.primary', { id: 'save-rule', onclick: save }, 'Save rule')),
    h('div', { style: { overflow: 'auto', padding: '16px' } },
      previewEl,
      h('div.editor-form', { style: { padding: 0 } },
        h('div', { style: { display: 'flex', flexDirection: 'column', gap: '12px' } },
          h('div.row', input('Name', r.name, v => { r.name = v; }, { id: 'rule-name' }),
            select('Type', RULE_TYPES.map((t, i) => [i, t]), r.type, v => { r.type = Number(v); }, 'rule-type')),
          h('div.row', h('label.field.grow', h('span', 'Metric'), metric), h('label.field.grow', h('span', 'Tags (* = each series)'), tagsInput)),
          h('div.row',
            select('Aggregation', AGGREGATIONS.map(a => [a, a]), ds.aggregation || 'avg', v => { ds.aggregation = v; }),
            input('Downsample', ds.down_sample || '', v => { ds.down_sample = v; }, { placeholder: '1m' }),
            input('Window (s)', r.query_range, v => { r.query_range = numOrNull(v); }, { type: 'number', min: 10 })),
          typeFields,
          h('div.row',
            input('Fire above', tr.greater_than, v => { tr.greater_than = numOrNull(v); }, { type: 'number', step: 'any', id: 'rule-above' }),
            input('Fire below', tr.less_than, v => { tr.less_than = numOrNull(v); }, { type: 'number', step: 'any', id: 'rule-below' }),
            input('Times in a row', tr.error_count ?? 1, v => { tr.error_count = numOrNull(v); }, { type: 'number', min: 1 })),
          input('Message ({time}, {value}, {history.value}, {compare.value}, {metric}, tags)', r.message, v => { r.message = v; })),
        h('div.options',
          select('Severity', SEVERITIES.map(s => [s, s]), r.severity, v => { r.severity = v; }),
          input('Contacts (names, comma separated)', r.contacts, v => { r.contacts = v; }),
          input('Pending for (s) before firing', r.for_seconds, v => { r.for_seconds = numOrNull(v); }, { type: 'number', min: 0 }),
          input('Repeat while firing every (s)', r.repeat_interval_seconds, v => { r.repeat_interval_seconds = numOrNull(v); }, { type: 'number', min: 0 }),
          h('label.row', h('input', { type: 'checkbox', checked: r.notify_resolved, onchange: e => { r.notify_resolved = e.target.checked; } }), 'Notify when resolved'),
          h('label.row', h('input', { type: 'checkbox', checked: r.enabled, onchange: e => { r.enabled = e.target.checked; } }), 'Enabled')))))));
  document.body.append(backdrop);
  suggest(metric, prefix => names.metrics(prefix.trim()));
  redraw();
}

async function firing(body) {
  const list = items(await rest('GET', '/alerts/active'));
  const ruleNames = await ruleIndex();
  mount(body, list.length ? h('table.list', { id: 'firing-list' },
    h('tr', h('th', 'State'), h('th', 'Rule'), h('th', 'Series'), h('th', 'Since'), h('th', 'Value'), h('th', 'Last notified')),
    list.map(a => h('tr', h('td', h('span.badge', { class: a.state }, a.state)), h('td', ruleNames.get(a.rule_id) || '#' + a.rule_id),
      h('td.mono', seriesText(a.series)), h('td', when(a.since)), h('td', formatValue(a.last_value)), h('td.muted', when(a.last_notified)))))
    : h('div.empty', 'Nothing is firing.'));
}

async function history(body) {
  const list = items(await rest('GET', '/alerts/history?limit=500'));
  mount(body, list.length ? h('table.list', { id: 'history-list' },
    h('tr', h('th', 'Time'), h('th', 'State'), h('th', 'Rule'), h('th', 'Series'), h('th', 'Value'), h('th', 'Message'), h('th', 'Notified')),
    list.map(a => h('tr', h('td', when(a.at)), h('td', h('span.badge', { class: a.state }, a.state)), h('td', a.rule_name),
      h('td.mono', seriesText(a.series)), h('td', formatValue(a.value)), h('td', a.message || ''), h('td', a.notified ? 'yes' : 'no'))))
    : h('div.empty', 'No alert has fired yet.'));
}

async function ruleIndex() {
  try {
    return new Map(items(await rest('GET', '/alarm-rules?limit=1000')).map(r => [r.id, r.name]));
  } catch {
    return new Map();
  }
}

async function silences(body, { canEdit }) {
  const list = items(await rest('GET', '/silences?limit=500'));
  const ruleNames = await ruleIndex();
  const reload = () => silences(body, { canEdit });
  const create = async () => {
    const rule = h('select', { id: 'silence-rule' }, h('option', { value: '' }, 'every rule'),
      [...ruleNames].map(([id, name]) => h('option', { value: id }, name)));
    const matchers = h('input', { id: 'silence-matchers', placeholder: 'host=web-1, dc=eu' });
    const hours = h('input', { id: 'silence-hours', type: 'number', value: 2, min: 0.1, step: 'any' });
    const comment = h('input', { id: 'silence-comment', placeholder: 'why' });
    const ok = await dialog('New silence', h('div', { style: { display: 'flex', flexDirection: 'column', gap: '12px' } },
      h('label.field', h('span', 'Rule'), rule), h('label.field', h('span', 'Matching tags'), matchers),
      h('label.field', h('span', 'For how many hours'), hours), h('label.field', h('span', 'Comment'), comment)),
    [{ label: 'Cancel', value: false }, { label: 'Silence', value: true, kind: 'primary', submit: true }]);
    if (!ok) return;
    const now = Date.now();
    try {
      await rest('POST', '/silences', {
        ...(rule.value ? { rule_id: Number(rule.value) } : {}), starts: now, ends: now + Number(hours.value) * 3600e3,
        comment: comment.value, matchers: Object.fromEntries(matchers.value.split(',').map(s => s.split('=').map(x => x.trim()))
          .filter(p => p.length === 2 && p[0] && p[1])),
      });
      await reload();
    } catch (e) { toast('Could not create the silence: ' + e.message, 'error'); }
  };
  mount(body,
    canEdit ? h('div.row', { style: { marginBottom: '12px' } }, h('div.grow'), h('button.primary', { id: 'new-silence', onclick: create }, '+ New silence')) : null,
    list.length ? h('table.list', { id: 'silence-list' },
      h('tr', h('th', 'Rule'), h('th', 'Matchers'), h('th', 'From'), h('th', 'Until'), h('th', 'Comment'), h('th', 'By'), h('th')),
      list.map(s => h('tr', h('td', s.rule_id ? ruleNames.get(s.rule_id) || '#' + s.rule_id : 'every rule'),
        h('td.mono', seriesText(s.matchers)), h('td', when(s.starts)), h('td', when(s.ends)),
        h('td', s.comment || ''), h('td.muted', s.created_by || ''),
        h('td.actions', canEdit ? h('button.danger', {
          onclick: async () => { try { await rest('DELETE', '/silences/' + s.id); await reload(); } catch (e) { toast(e.message, 'error'); } },
        }, 'Expire') : null)))) : h('div.empty', 'No silences.'));
}

async function contacts(body, { canEdit }) {
  const list = items(await rest('GET', '/contacts?limit=1000'));
  const reload = () => contacts(body, { canEdit });
  const create = async () => {
    const f = Object.fromEntries(['name', 'mail', 'phone', 'webhook_url', 'chat_webhook'].map(k => [k, h('input', { id: 'contact-' + k })]));
    const ok = await dialog('New contact', h('div', { style: { display: 'flex', flexDirection: 'column', gap: '10px' } },
      h('label.field', h('span', 'Name'), f.name), h('label.field', h('span', 'Mail'), f.mail), h('label.field', h('span', 'Phone'), f.phone),
      h('label.field', h('span', 'Webhook URL'), f.webhook_url), h('label.field', h('span', 'Chat-app webhook (WeCom, DingTalk, Feishu, Slack)'), f.chat_webhook)),
    [{ label: 'Cancel', value: false }, { label: 'Create', value: true, kind: 'primary', submit: true }]);
    if (!ok) return;
    try { await rest('POST', '/contacts', Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value.trim()]))); await reload(); }
    catch (e) { toast('Could not create the contact: ' + e.message, 'error'); }
  };
  mount(body,
    canEdit ? h('div.row', { style: { marginBottom: '12px' } }, h('div.grow'), h('button.primary', { id: 'new-contact', onclick: create }, '+ New contact')) : null,
    list.length ? h('table.list', { id: 'contact-list' },
      h('tr', h('th', 'Name'), h('th', 'Mail'), h('th', 'Phone'), h('th', 'Webhook'), h('th', 'Chat webhook'), h('th')),
      list.map(c => h('tr', h('td', c.name), h('td', c.mail || ''), h('td', c.phone || ''), h('td.mono', c.webhook_url || ''),
        h('td.mono', c.chat_webhook || ''),
        h('td.actions', canEdit ? h('button.danger', {
          onclick: async () => {
            if (!await confirmDialog('Delete contact', 'Delete "' + c.name + '"?')) return;
            try { await rest('DELETE', '/contacts/' + c.id); await reload(); } catch (e) { toast(e.message, 'error'); }
          },
        }, 'Delete') : null)))) : h('div.empty', 'No contacts yet.'));
}
