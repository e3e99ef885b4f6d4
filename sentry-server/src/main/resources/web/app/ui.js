// Small DOM helpers: an element builder, dialogs, toasts and an autocomplete input. No framework on purpose.

/**
 * Builds an element: h('button.primary', {onclick}, 'Save'). Attributes starting with "on" become listeners,
 * "dataset" / "style" objects are merged, null/false children are skipped.
 */
export function h(spec, attrs, ...children) {
  if (attrs == null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    if (attrs != null) children.unshift(attrs);
    attrs = {};
  }
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'class') el.className = [el.className, v].filter(Boolean).join(' ');
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the children of an element. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function toast(message, kind = 'ok') {
  const t = h('div.toast', { class: kind === 'error' ? 'error' : '', role: 'status' }, message);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 8000 : 3500);
}

/** A modal with a body and buttons; resolves with the value of the button pressed (null on Escape). */
export function dialog(title, body, buttons) {
  return new Promise(resolve => {
    const close = value => { backdrop.remove(); document.removeEventListener('keydown', onKey); resolve(value); };
    const onKey = e => { if (e.key === 'Escape') close(null); };
    const btns = buttons.map(b => h('button', {
      class: b.kind || '', type: b.submit ? 'submit' : 'button', dataset: { value: b.value },
      onclick: b.submit ? null : () => close(b.value),
    }, b.label));
    const form = h('form.modal.card', { onsubmit: e => { e.preventDefault(); close(buttons.find(b => b.submit).value); } },
      h('h2', title), body, h('div.buttons', btns));
    const backdrop = h('div.modal-backdrop', { onclick: e => { if (e.target === backdrop) close(null); } }, form);
    document.body.append(backdrop);
    document.addEventListener('keydown', onKey);
    (form.querySelector('input,textarea,select') || form.querySelector('button.primary'))?.focus();
  });
}

export async function confirmDialog(title, text, okLabel = 'Delete') {
  return (await dialog(title, h('p', text), [
    { label: 'Cancel', value: false },
    { label: okLabel, value: true, kind: 'primary', submit: true },
  ])) === true;
}

/** Asks for one line of text; null when cancelled. */
export async function promptDialog(title, label, value = '', okLabel = 'OK') {
  const input = h('input', { value, name: 'value', required: true, autocomplete: 'off' });
  const ok = await dialog(title, h('label.field', h('span', label), input), [
    { label: 'Cancel', value: false },
    { label: okLabel, value: true, kind: 'primary', submit: true },
  ]);
  return ok ? input.value.trim() : null;
}

/**
 * Turns an input into an autocomplete: `source(text)` returns (a promise of) suggestions; picking one sets the
 * value and fires "change". Keyboard: arrows, Enter, Escape.
 */
export function suggest(input, source) {
  const wrap = h('span.suggest');
  input.replaceWith(wrap);
  wrap.append(input);
  const list = h('ul', { hidden: true, role: 'listbox' });
  wrap.append(list);
  let items = [], sel = -1, seq = 0;
  const render = () => {
    mount(list, items.slice(0, 200).map((s, i) => h('li', {
      class: i === sel ? 'sel' : '', role: 'option',
      onmousedown: e => { e.preventDefault(); pick(s); },
    }, s)));
    list.hidden = items.length === 0 || document.activeElement !== input;
  };
  const pick = s => {
    input.value = s; items = []; render();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const refresh = async () => {
    const mine = ++seq;
    let got;
    try { got = await source(input.value); } catch { got = []; }
    if (mine !== seq) return;
    items = (got || []).filter(s => s !== input.value || got.length > 1);
    sel = -1; render();
  };
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(refresh, 120); });
  input.addEventListener('focus', refresh);
  input.addEventListener('blur', () => { list.hidden = true; });
  input.addEventListener('keydown', e => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { sel = Math.min(items.length - 1, sel + 1); render(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { sel = Math.max(0, sel - 1); render(); e.preventDefault(); }
    else if (e.key === 'Enter' && sel >= 0) { pick(items[sel]); e.preventDefault(); }
    else if (e.key === 'Escape') { list.hidden = true; }
  });
  input.setAttribute('autocomplete', 'off');
  return wrap;
}

/** Downloads text as a file. */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lets the user pick a file; resolves with its text (null when cancelled). */
export function pickFile(accept = '.json,application/json') {
  return new Promise(resolve => {
    const input = h('input', { type: 'file', accept, style: { display: 'none' } });
    input.addEventListener('change', async () => {
      const f = input.files[0];
      input.remove();
      resolve(f ? await f.text() : null);
    });
    document.body.append(input);
    input.click();
  });
}
