// Alarm pages: rules, firing alerts, history and silences, read from the alarm API when the server has it.
import { ApiError, rest } from '../api.js';
import { formatTime } from '../time.js';
import { h, mount } from '../ui.js';

const TABS = [['rules', 'Rules', '/alarm-rules'], ['firing', 'Firing', '/alerts'],
  ['history', 'History', '/alert-history'], ['silences', 'Silences', '/silences']];

export default async function alarms({ root, params }) {
  const tab = TABS.find(t => t[0] === params[0]) || TABS[0];
  const body = h('div', h('div.page-loading', 'Loading…'));
  mount(root, h('div.page-head', h('h1', 'Alarms')),
    h('div.tabs', TABS.map(([k, text]) => h('a', { href: '/alarms/' + k, 'data-link': true, class: k === tab[0] ? 'active' : '' }, text))),
    body);
  let data;
  try {
    data = await rest('GET', tab[2]);
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'missing') {
      mount(body, h('div.empty', h('strong', 'Alarms are not available on this server yet.'),
        h('p', 'The alarm API (' + '/api/v1' + tab[2] + ') does not answer; this page fills in once it does.')));
    } else {
      mount(body, h('div.empty', h('strong', 'Could not load ' + tab[1].toLowerCase()), h('p', e.message)));
    }
    return;
  }
  const items = Array.isArray(data) ? data : (data && data.items) || [];
  if (!items.length) { mount(body, h('div.empty', 'Nothing here.')); return; }
  const keys = Object.keys(items[0]).filter(k => typeof items[0][k] !== 'object').slice(0, 8);
  mount(body, h('table.list', h('tr', keys.map(k => h('th', k))),
    items.map(it => h('tr', keys.map(k => h('td', /(time|created|updated|at)$/i.test(k) && typeof it[k] === 'number'
      ? formatTime(Math.floor(it[k] / 1000)) : String(it[k] ?? '')))))));
}
