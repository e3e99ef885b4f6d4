// The login page; after a successful login the app goes where the user was headed (?next=).
import { session } from '../meta.js';
import { h, mount } from '../ui.js';

export default function login({ root, url, navigate, setUser }) {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div.error-text', { id: 'login-error' });
  const submit = h('button.primary', { id: 'login-submit', type: 'submit', style: { justifyContent: 'center' } }, 'Log in');
  const form = h('form.card.login', {
    onsubmit: async e => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        const user = await session.login(username.value.trim(), password.value);
        setUser(user);
        const next = url.searchParams.get('next');
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboards', { replace: true });
      } catch (err) {
        error.textContent = err.status === 429 ? 'Too many attempts; wait a minute and try again.'
          : err.kind === 'auth' || err.kind === 'refused' ? 'Wrong user name or password.' : err.message;
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('div.logo', h('img', { src: '/favicon.svg', alt: '' }), 'sentry'),
  h('p.muted', { style: { margin: 0 } }, 'Sign in to see and edit the dashboards.'),
  h('label.field', h('span', 'User'), username),
  h('label.field', h('span', 'Password'), password),
  error, submit);
  mount(root, h('div.login-wrap', form));
  password.focus();
}
