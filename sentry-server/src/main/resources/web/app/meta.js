// The metadata REST API (/api/v1): session, dashboards and charts, users and tokens.
import { ApiError, rest, setCsrfToken } from './api.js';

/**
 * The caller as the app sees it: name, role, and whether it may log in or out. With auth.anonymous_read a visitor
 * reads as an anonymous viewer; with auth off everyone is an anonymous admin.
 */
const userFromApi = u => ({
  ...u, name: u.anonymous ? 'guest' : u.username, role: u.role,
  canLogout: !u.anonymous, canLogin: !!u.anonymous && u.auth_enabled !== false,
});

export const session = {
  /** The caller; null when the server wants a login before anything can be read. */
  async current() {
    try {
      return userFromApi(await rest('GET', '/me'));
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'auth') return null;
      // a server without the metadata API: nothing to log in to, the query pages work
      if (e instanceof ApiError && e.kind === 'missing') return { name: 'anonymous', role: 'viewer', canLogout: false };
      throw e;
    }
  },
  login: async (username, password) => {
    const u = await rest('POST', '/login', { username, password });
    setCsrfToken(u.csrf_token);
    return userFromApi({ ...u, anonymous: false, auth_enabled: true });
  },
  logout: async () => {
    try { await rest('POST', '/logout'); } finally { setCsrfToken(null); }
  },
};

// Dashboards and charts. The server keeps a chart as the original's row (name, type, aggregation, down_sample,
// topn_limit, lines) plus grid and options; the app works on the chart model of chart.js, mapped here.
const pageItems = page => (Array.isArray(page) ? page : page.items);

export const dashboards = {
  list: async () => pageItems(await rest('GET', '/dashboards?limit=1000')).map(dashboardFromApi),
  get: async id => {
    const d = await rest('GET', '/dashboards/' + encodeURIComponent(id));
    return { dashboard: dashboardFromApi(d), charts: (d.charts || []).map(chartFromApi) };
  },
  create: async ({ name, variable }) => dashboardFromApi(await rest('POST', '/dashboards', dashboardToApi({ name, variable }))),
  update: async d => dashboardFromApi(await rest('PUT', '/dashboards/' + d.id, dashboardToApi(d))),
  remove: d => rest('DELETE', '/dashboards/' + d.id),
  /** A dashboard with its charts as a JSON document that importJson (or the server's create) takes back. */
  exportJson: async id => exportDoc(await rest('GET', '/dashboards/' + encodeURIComponent(id))),
  importJson: async doc => {
    if (!doc || typeof doc !== 'object' || !doc.name) throw new Error('the file is not a dashboard export (no "name")');
    return dashboardFromApi(await rest('POST', '/dashboards', doc));
  },
  clone: async (id, name) => {
    const doc = exportDoc(await rest('GET', '/dashboards/' + encodeURIComponent(id)));
    return dashboardFromApi(await rest('POST', '/dashboards', { ...doc, name }));
  },
};

/** The server's dashboard without ids, versions and times: what a create takes. */
function exportDoc(d) {
  const strip = ({ id, version, created, updated, dashboard_id, ...rest }) => rest;
  return {
    ...strip(d),
    charts: (d.charts || []).map(c => ({ ...strip(c), lines: (c.lines || []).map(l => strip(l)) })),
  };
}

export const charts = {
  create: async (d, c) => chartFromApi(await rest('POST', '/charts', { ...chartToApi(c), dashboard_id: d.id })),
  update: async (d, c) => chartFromApi(await rest('PUT', '/charts/' + c.id, { ...chartToApi(c), dashboard_id: d.id })),
  remove: (d, c) => rest('DELETE', '/charts/' + c.id),
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
  list: async () => pageItems(await rest('GET', '/tokens?limit=1000')).map(t => ({ ...t, lastUsed: t.last_used })),
  create: async t => (await rest('POST', '/tokens', t)).secret,
  remove: t => rest('DELETE', '/tokens/' + t.id),
};

function dashboardFromApi(d) {
  const f = d.tag_filter;
  const variable = f && typeof f === 'object' && f.metric && Array.isArray(f.tags) && f.tags.length
    ? { metric: f.metric, key: f.tags[0] } : null;
  return { ...d, variable, chartCount: d.charts ? d.charts.length : null };
}

function dashboardToApi(d) {
  return {
    name: d.name, version: d.version, creator: d.creator, app_name: d.app_name, saved_status: d.saved_status,
    tag_filter: d.variable ? { metric: d.variable.metric, tags: [d.variable.key] } : null,
  };
}

// The server knows the original's chart types (line, area, bar, pie, topN, table, stat); the app's stacked,
// single number and gauge are kept as "view" in the options, on the closest server type.
const TO_SERVER = { line: 'line', area: 'area', stacked: 'area', bar: 'bar', number: 'stat', gauge: 'stat', pie: 'pie', topn: 'topN' };
const FROM_SERVER = { line: 'line', area: 'area', bar: 'bar', stat: 'number', pie: 'pie', topN: 'topn', table: 'topn' };

function chartFromApi(c) {
  const options = c.options && typeof c.options === 'object' ? c.options : {};
  const { groupBy = [], view, order, autoDownsample, ...display } = options;
  return {
    id: c.id, version: c.version, grid: c.position || { x: 0, y: 0, w: 6, h: 4 },
    title: c.name, type: view || FROM_SERVER[c.type] || 'line',
    aggregation: c.aggregation, downsample: autoDownsample ? '' : c.down_sample, limit: c.topn_limit || 10,
    order: order || 'desc',
    queries: (c.lines || []).map((l, i) => ({
      metric: l.metric, tags: l.tags || {}, alias: l.name && l.name !== l.metric ? l.name : '',
      offset: l.offset || 0, groupBy: groupBy[i] || [],
    })),
    options: display,
  };
}

function chartToApi(c) {
  const queries = c.queries.filter(q => q.metric);
  return {
    name: c.title || queries.map(q => q.metric).join(', ') || 'chart',
    type: TO_SERVER[c.type] || 'line', aggregation: c.aggregation,
    // "auto" is the app's: the stored down_sample is the original's default, used by the original's clients
    down_sample: c.downsample || '10s',
    topn_limit: c.type === 'topn' ? c.limit : 10, version: c.version,
    position: c.grid || { x: 0, y: 0, w: 6, h: 4 },
    options: { ...c.options, view: c.type, order: c.order, autoDownsample: !c.downsample, groupBy: queries.map(q => q.groupBy || []) },
    lines: queries.map(q => ({ ...(q.alias ? { name: q.alias } : {}), metric: q.metric, tags: q.tags, offset: q.offset || 0 })),
  };
}
