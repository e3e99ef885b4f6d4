// The app shell: top bar, client-side routes (history API, so every page has a shareable URL), the session.
import { setUnauthorizedHandler } from './api.js';
import { session } from './meta.js';
import { h, mount } from './ui.js';

const ROUTES = [
  [/^\/$/, () => redirect('/dashboards')],
  [/^\/login$/, () => import('./pages/login.js'), { open: true }],
  [/^\/dashboards$/, () => import('./pages/dashboards.js')],
  [/^\/dashboards\/([^/]+)$/, () => import('./pages/dashboard.js')],
  [/^\/explore$/, () => import('./pages/explore.js')],
  [/^\/alarms(?:\/([^/]+))?$/, () => import('./pages/alarms.js')],
  [/^\/admin(?:\/([^/]+))?$/, () => import('./pages/admin.js')],
];

const app = document.getElementById('app');
let cleanup = null;
let current = null;
const state = { user: null, checked: false };

function redirect(path) {
  navigate(path, { replace: true });
  return null;
}

/** Goes to a path of the app (pushes history unless replace). */
export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

/** Rewrites the query string of the current page without re-rendering it (time range, variables…). */
export function setQuery(params, { replace = true } = {}) {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  const next = url.pathname + url.search;
  if (next === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', next);
  else history.pushState({ samePage: true }, '', next);
}

export function currentUser() {
  return state.user;
}

function topbar() {
  const path = location.pathname;
  const link = (href, text) => h('a', { href, 'data-link': true, class: path.startsWith(href) ? 'active' : '' }, text);
  const theme = document.documentElement.dataset.theme;
  const admin = state.user && state.user.role === 'admin';
  mount(document.getElementById('topbar'),
    h('a.brand', { href: '/dashboards', 'data-link': true }, h('img', { src: '/favicon.svg', alt: '' }), 'sentry'),
    h('nav', state.user ? [link('/dashboards', 'Dashboards'), link('/explore', 'Explore'), link('/alarms', 'Alarms'),
      admin ? link('/admin', 'Admin') : null] : []),
    h('div.user',
      h('button.ghost', {
        id: 'theme-toggle', title: 'switch between dark and light theme',
        onclick: () => {
          const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
          document.documentElement.dataset.theme = next;
          localStorage.setItem('sentry.theme', next);
          window.dispatchEvent(new Event('sentry:theme'));
          topbar();
        },
      }, theme === 'dark' ? '☀ Light' : '☾ Dark'),
      state.user ? [h('span', { id: 'current-user' }, state.user.name + (state.user.role ? ' · ' + state.user.role : '')),
        state.user.canLogout ? h('button.ghost', { id: 'logout', onclick: logout }, 'Log out') : null,
        state.user.canLogin && path !== '/login' ? h('a.btn.primary', {
          id: 'login-link', 'data-link': true, href: '/login?next=' + encodeURIComponent(location.pathname + location.search),
        }, 'Log in') : null] : null));
}

async function logout() {
  await session.logout().catch(() => {});
  state.user = null;
  navigate('/login');
}

async function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const match = ROUTES.map(([re, load, opts]) => [re.exec(path), load, opts || {}]).find(r => r[0]);
  if (!state.checked) {
    try {
      state.user = await session.current();
    } catch (e) {
      mount(app, h('div.empty', h('h1', 'The server does not answer'), h('p', e.message),
        h('button', { onclick: () => location.reload() }, 'Try again')));
      return;
    }
    state.checked = true;
  }
  if (match && !match[2].open && !state.user) {
    navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
    return;
  }
  topbar();
  const key = path;
  if (current === key && history.state && history.state.samePage) return; // a query-only change of this page
  current = key;
  if (cleanup) { try { cleanup(); } catch (e) { console.error(e); } cleanup = null; }
  if (!match) {
    mount(app, h('div.empty', h('h1', 'Page not found'), h('p', 'Nothing lives at ' + path + '. '),
      h('a', { href: '/dashboards', 'data-link': true }, 'Go to the dashboards')));
    return;
  }
  const loaded = await match[1]();
  if (!loaded) return;
  mount(app);
  const url = new URL(location.href);
  cleanup = (await loaded.default({
    root: app, params: match[0].slice(1).map(p => p && decodeURIComponent(p)), url, navigate, setQuery,
    user: state.user, setUser: u => { state.user = u; topbar(); },
  })) || null;
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', () => { current = null; route(); });
setUnauthorizedHandler(() => {
  if (location.pathname === '/login') return;
  state.checked = false; // the session ended: ask the server again after the login
  navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
});

route();
