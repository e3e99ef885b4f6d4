// The chart editor: the chart form with a live preview above it, over the dashboard.
import { ChartView, normalize } from './chart.js';
import { chartForm } from './chart-form.js';
import { h } from './ui.js';

/**
 * Opens the editor for `chart` (null for a new chart). onSave(edited) may throw: the message is shown and the
 * editor stays open. onClose() after Save or Cancel.
 */
export function openEditor({ chart, env, onSave, onClose }) {
  document.querySelector('.editor-backdrop')?.remove();
  const draft = normalize(chart ? JSON.parse(JSON.stringify(chart)) : {});
  const previewEl = h('div.editor-preview.panel');
  const preview = new ChartView(previewEl);
  let timer;
  const redraw = () => preview.load(draft, { ...env, points: 300 });
  const onChange = () => { clearTimeout(timer); timer = setTimeout(redraw, 300); };
  const error = h('span.error-text', { id: 'editor-error' });
  const close = () => {
    clearTimeout(timer);
    preview.destroy();
    backdrop.remove();
    document.removeEventListener('keydown', onKey);
    onClose?.();
  };
  const save = async () => {
    error.textContent = '';
    if (!draft.queries.some(q => q.metric)) { error.textContent = 'Pick a metric first.'; return; }
    saveBtn.disabled = true;
    try {
      const { id, version, grid, ...fields } = draft;
      await onSave(fields);
      close();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      saveBtn.disabled = false;
    }
  };
  const onKey = e => { if (e.key === 'Escape' && !document.querySelector('.modal-backdrop')) close(); };
  const saveBtn = h('button.primary', { id: 'save-chart', onclick: save }, 'Save chart');
  const backdrop = h('div.editor-backdrop', h('div.editor', { id: 'chart-editor' },
    h('div.editor-head', h('h2', { style: { margin: 0 } }, chart ? 'Edit chart' : 'New chart'), h('div.grow'), error,
      h('button', { id: 'cancel-chart', onclick: close }, 'Cancel'), saveBtn),
    h('div.editor-main', previewEl, h('div.editor-form', chartForm(draft, onChange)))));
  document.body.append(backdrop);
  document.addEventListener('keydown', onKey);
  redraw();
  backdrop.querySelector('.metric-input')?.focus();
}
