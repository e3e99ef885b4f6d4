// The time range picker (presets and a custom range), zoom out, refresh now and auto-refresh.
import { PRESETS, REFRESH, describe, fromLocalInput, resolve, seconds, toLocalInput } from './time.js';
import { h, mount } from './ui.js';

/**
 * Builds the controls. onChange(range) after the user picks a range; onRefresh() on a manual or automatic
 * refresh; onRefreshChange(interval) when the auto-refresh interval changes ('' = off).
 */
export function timeControls(initial, { onChange, onRefresh, refresh = '', onRefreshChange }) {
  let range = { ...initial };
  let interval = REFRESH.some(r => r[0] === refresh) ? refresh : '';
  let timer = null;
  const label = h('span', { id: 'time-range-label' });
  const menu = h('div.time-menu', { hidden: true });
  const button = h('button', { id: 'time-range', title: 'time range', onclick: () => toggle() }, label, ' ▾');

  const set = (r, notify = true) => {
    range = { from: r.from, to: r.to || 'now' };
    label.textContent = describe(range);
    menu.hidden = true;
    if (notify) onChange(range);
  };
  const toggle = () => {
    if (!menu.hidden) { menu.hidden = true; return; }
    const { start, end } = resolve(range);
    const from = h('input', { type: 'datetime-local', id: 'custom-from', value: toLocalInput(start) });
    const to = h('input', { type: 'datetime-local', id: 'custom-to', value: toLocalInput(end) });
    const err = h('div.error-text');
    mount(menu,
      h('div.presets', PRESETS.map(([from, text]) => h('button', {
        class: range.from === from && range.to === 'now' ? 'active' : '', dataset: { from },
        onclick: () => set({ from, to: 'now' }),
      }, text))),
      h('div.custom', h('strong', 'Custom range'),
        h('label.field', h('span', 'From'), from), h('label.field', h('span', 'To'), to), err,
        h('button.primary', {
          id: 'custom-apply', onclick: () => {
            const a = fromLocalInput(from.value), b = fromLocalInput(to.value);
            if (a == null || b == null || a >= b) { err.textContent = '"From" must be before "To".'; return; }
            set({ from: String(a), to: String(b) });
          },
        }, 'Apply range')));
    menu.hidden = false;
  };
  const zoomOut = () => {
    const { start, end } = resolve(range);
    const span = end - start, now = Math.floor(Date.now() / 1000);
    const b = Math.min(now, end + span / 2);
    set(b >= now && range.to === 'now'
      ? { from: 'now-' + Math.round(span * 2) + 's', to: 'now' }
      : { from: String(Math.round(b - span * 2) * 1000), to: String(Math.round(b) * 1000) });
  };
  const schedule = () => {
    clearInterval(timer);
    const s = seconds(interval);
    if (s) timer = setInterval(() => { if (!document.hidden) onRefresh(); }, s * 1000);
  };
  const refreshSelect = h('select', {
    id: 'auto-refresh', title: 'auto-refresh',
    onchange: e => { interval = e.target.value; schedule(); onRefreshChange?.(interval); },
  }, REFRESH.map(([v, text]) => h('option', { value: v, selected: v === interval }, v ? '⟳ ' + text : '⟳ Off')));
  const outside = e => { if (!wrap.contains(e.target)) menu.hidden = true; };
  document.addEventListener('mousedown', outside);

  const wrap = h('div.row.time-picker',
    h('button', { id: 'zoom-out', title: 'zoom out (twice the span)', onclick: zoomOut }, '⊖'),
    button, menu,
    h('button', { id: 'refresh-now', title: 'refresh now', onclick: () => onRefresh() }, '⟳'),
    refreshSelect);
  set(range, false);
  schedule();
  return {
    el: wrap,
    set,
    get: () => range,
    destroy: () => { clearInterval(timer); document.removeEventListener('mousedown', outside); },
  };
}
