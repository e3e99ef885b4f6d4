// Administration: users (with roles) and API tokens.
import { tokens, users } from '../meta.js';
import { formatTime } from '../time.js';
import { confirmDialog, dialog, h, mount, toast } from '../ui.js';

const ROLES = ['viewer', 'editor', 'admin'];

export default async function admin({ root, params, user }) {
  const tab = params[0] === 'tokens' ? 'tokens' : 'users';
  const body = h('div', h('div.page-loading', 'Loading…'));
  mount(root, h('div.page-head', h('h1', 'Administration')),
    h('div.tabs',
      h('a', { href: '/admin/users', 'data-link': true, class: tab === 'users' ? 'active' : '' }, 'Users'),
      h('a', { href: '/admin/tokens', 'data-link': true, class: tab === 'tokens' ? 'active' : '' }, 'API tokens')),
    body);
  if (user && user.role !== 'admin') {
    mount(body, h('div.empty', 'Only administrators manage users and tokens.'));
    return;
  }
  if (tab === 'users') await usersTab(body); else await tokensTab(body);
}

const when = ms => (ms ? formatTime(Math.floor(ms / 1000)) : '–');

async function usersTab(body) {
  const load = async () => {
    let list;
    try { list = await users.list(); } catch (e) { mount(body, h('div.empty', 'Could not list the users: ' + e.message)); return; }
    mount(body,
      h('div.row', { style: { marginBottom: '12px' } }, h('div.grow'), h('button.primary', { id: 'new-user', onclick: create }, '+ New user')),
      h('table.list', { id: 'user-list' }, h('tr', h('th', 'User'), h('th', 'Role'), h('th', 'Created'), h('th')),
        list.map(u => h('tr',
          h('td', u.username),
          h('td', h('select', {
            onchange: async e => {
              try { await users.update({ ...u, role: e.target.value }); toast('Role of ' + u.username + ' is now ' + e.target.value); await load(); }
              catch (err) { toast('Could not change the role: ' + err.message, 'error'); await load(); }
            },
          }, ROLES.map(r => h('option', { value: r, selected: r === u.role }, r)))),
          h('td.muted', when(u.created)),
          h('td.actions', h('button.danger', {
            onclick: async () => {
              if (!await confirmDialog('Delete user', 'Delete the user "' + u.username + '"?')) return;
              try { await users.remove(u); await load(); } catch (err) { toast('Could not delete: ' + err.message, 'error'); }
            },
          }, 'Delete'))))));
  };
  const create = async () => {
    const name = h('input', { id: 'new-user-name', required: true, autocomplete: 'off' });
    const pass = h('input', { id: 'new-user-password', type: 'password', required: true, minLength: 8, autocomplete: 'new-password' });
    const role = h('select', { id: 'new-user-role' }, ROLES.map(r => h('option', { value: r, selected: r === 'viewer' }, r)));
    const ok = await dialog('New user', h('div', { style: { display: 'flex', flexDirection: 'column', gap: '12px' } },
      h('label.field', h('span', 'User name'), name), h('label.field', h('span', 'Password (8 characters or more)'), pass),
      h('label.field', h('span', 'Role'), role)),
    [{ label: 'Cancel', value: false }, { label: 'Create', value: true, kind: 'primary', submit: true }]);
    if (!ok) return;
    try { await users.create({ username: name.value.trim(), password: pass.value, role: role.value }); await load(); }
    catch (e) { toast('Could not create the user: ' + e.message, 'error'); }
  };
  await load();
}

async function tokensTab(body) {
  const load = async () => {
    let list;
    try { list = await tokens.list(); } catch (e) { mount(body, h('div.empty', 'Could not list the tokens: ' + e.message)); return; }
    mount(body,
      h('div.row', { style: { marginBottom: '12px' } }, h('span.muted', 'Tokens let scripts call the API (scope "api") or push metrics (scope "ingest").'),
        h('div.grow'), h('button.primary', { id: 'new-token', onclick: create }, '+ New token')),
      list.length ? h('table.list', { id: 'token-list' },
        h('tr', h('th', 'Name'), h('th', 'Scope'), h('th', 'Prefix'), h('th', 'Created'), h('th', 'Expires'), h('th', 'Last used'), h('th')),
        list.map(t => h('tr', h('td', t.name), h('td', h('span.badge', t.scope)), h('td.mono', t.prefix || ''),
          h('td.muted', when(t.created)), h('td.muted', when(t.expires)), h('td.muted', when(t.lastUsed)),
          h('td.actions', h('button.danger', {
            onclick: async () => {
              if (!await confirmDialog('Revoke token', 'Revoke "' + t.name + '"? Scripts using it stop working.', 'Revoke')) return;
              try { await tokens.remove(t); await load(); } catch (err) { toast('Could not revoke: ' + err.message, 'error'); }
            },
          }, 'Revoke'))))) : h('div.empty', 'No API tokens yet.'));
  };
  const create = async () => {
    const name = h('input', { id: 'new-token-name', required: true, autocomplete: 'off', placeholder: 'e.g. deploy script' });
    const scope = h('select', { id: 'new-token-scope' }, h('option', { value: 'api' }, 'api'), h('option', { value: 'ingest' }, 'ingest'));
    const ok = await dialog('New API token', h('div', { style: { display: 'flex', flexDirection: 'column', gap: '12px' } },
      h('label.field', h('span', 'Name'), name), h('label.field', h('span', 'Scope'), scope)),
    [{ label: 'Cancel', value: false }, { label: 'Create', value: true, kind: 'primary', submit: true }]);
    if (!ok) return;
    try {
      const secret = await tokens.create({ name: name.value.trim(), scope: scope.value });
      await load();
      await dialog('Token created', h('div', h('p', 'Copy it now: it is shown only once.'),
        h('input.mono', { id: 'created-token', value: secret, readOnly: true, style: { width: '100%' }, onfocus: e => e.target.select() })),
      [{ label: 'Done', value: true, kind: 'primary', submit: true }]);
    } catch (e) { toast('Could not create the token: ' + e.message, 'error'); }
  };
  await load();
}
