// The metadata REST API (/api/v1): session, dashboards and charts, users and tokens.
import { ApiError, rest } from './api.js';

const userFromApi = u => ({ ...u, name: u.username || u.name, role: u.role, canLogout: true });

export const session = {
  /** The logged-in user, null when nobody is; a server without the metadata API runs the app as "anonymous". */
  async current() {
    try {
      return userFromApi(await rest('GET', '/session'));
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'missing') return { name: 'anonymous', role: 'admin', canLogout: false };
      return null;
    }
  },
  login: async (username, password) => userFromApi(await rest('POST', '/login', { username, password })),
  logout: () => rest('POST', '/logout'),
};

// Dashboards and charts. The server keeps a chart as the original's row (name, type, aggregation, down_sample,
// topn_limit, lines) plus grid and options; the app works on the chart model of chart.js, mapped here.
const pageItems = page => (Array.isArray(page) ? page : page.items);

export const dashboards = {
  list: async () => pageItems(await rest('GET', '/dashboards?limit=1000')).map(dashboardFromApi),
  get: async id => {
    const d = await rest('GET', '/dashboards/' + encodeURIComponent(id));
    const charts = pageItems(await rest('GET', '/dashboards/' + encodeURIComponent(id) + '/charts'));
    return { dashboard: dashboardFromApi(d), charts: charts.map(chartFromApi) };
  },
  create: async ({ name, variable }) => dashboardFromApi(await rest('POST', '/dashboards', dashboardToApi({ name, variable }))),
  update: async d => dashboardFromApi(await rest('PUT', '/dashboards/' + d.id, dashboardToApi(d))),
  remove: d => rest('DELETE', '/dashboards/' + d.id + '?version=' + d.version),
  exportJson: id => rest('GET', '/dashboards/' + id + '/export'),
  importJson: async doc => dashboardFromApi(await rest('POST', '/dashboards/import', doc)),
  clone: async (id, name) => {
    const doc = await rest('GET', '/dashboards/' + id + '/export');
    return dashboardFromApi(await rest('POST', '/dashboards/import', { ...doc, name }));
  },
};

export const charts = {
  create: async (d, c) => chartFromApi(await rest('POST', '/dashboards/' + d.id + '/charts', chartToApi(c))),
  update: async (d, c) => chartFromApi(await rest('PUT', '/charts/' + c.id, chartToApi(c))),
  remove: (d, c) => rest('DELETE', '/charts/' + c.id + '?version=' + c.version),
  /** Saves each moved chart's place; returns the charts as stored. */
  saveLayout: async (d, items, current) => {
    const byId = new Map(current.map(c => [String(c.id), c]));
    const saved = [];
    for (const it of items) {
      const c = byId.get(String(it.id));
      if (!c) continue;
      const g = c.grid || {};
      if (g.x === it.x && g.y === it.y && g.w === it.w && g.h === it.h) continue;
      saved.push(await charts.update(d, { ...c, grid: { x: it.x, y: it.y, w: it.w, h: it.h } }));
    }
    return saved;
  },
};

export const users = {
  list: async () => pageItems(await rest('GET', '/users?limit=1000')),
  create: u => rest('POST', '/users', u),
  update: u => rest('PUT', '/users/' + u.id, u),
  remove: u => rest('DELETE', '/users/' + u.id),
};

export const tokens = {
  list: async () => pageItems(await rest('GET', '/tokens?limit=1000')),
  create: async t => (await rest('POST', '/tokens', t)).token,
  remove: t => rest('DELETE', '/tokens/' + t.id),
};

function dashboardFromApi(d) {
  let variable = null;
  try {
    const f = d.tagFilter ? JSON.parse(d.tagFilter) : null;
    if (f && f.metric && f.tags && f.tags.length) variable = { metric: f.metric, key: f.tags[0] };
  } catch { /* a tag filter the app cannot read: no picker */ }
  return { ...d, variable };
}

function dashboardToApi(d) {
  return {
    name: d.name, version: d.version,
    tagFilter: d.variable ? JSON.stringify({ metric: d.variable.metric, tags: [d.variable.key] }) : '',
  };
}

function chartFromApi(c) {
  let options = {};
  try { options = typeof c.options === 'string' ? JSON.parse(c.options || '{}') : (c.options || {}); } catch { options = {}; }
  const { groupBy = [], chartType, order, ...display } = options;
  return {
    id: c.id, version: c.version, grid: c.grid,
    title: c.name, type: chartType || (c.type === 'topN' ? 'topn' : c.type),
    aggregation: c.aggregation, downsample: c.downSample, limit: c.topnLimit || 10, order: order || 'desc',
    queries: (c.lines || []).map((l, i) => ({
      metric: l.metric, tags: l.tags || {}, alias: l.name || '', offset: l.offset || 0, groupBy: groupBy[i] || [],
    })),
    options: display,
  };
}

function chartToApi(c) {
  const type = c.type === 'topn' ? 'topN' : c.type;
  return {
    name: c.title || '', type, aggregation: c.aggregation, downSample: c.downsample || '',
    topnLimit: c.type === 'topn' ? c.limit : 0, version: c.version,
    grid: c.grid || { x: 0, y: 0, w: 6, h: 4 },
    options: JSON.stringify({ ...c.options, order: c.order, chartType: c.type, groupBy: c.queries.map(q => q.groupBy || []) }),
    lines: c.queries.filter(q => q.metric).map(q => ({ name: q.alias || '', metric: q.metric, tags: q.tags, offset: q.offset || 0 })),
  };
}
