// Forms in the GOV.UK way: a label that says what to type, a hint, the error next to its field (and a summary
// at the top that leads to it), one button that says what happens.
import { h, uid } from './dom.js';
import { t, has } from './i18n.js';
import { Problem } from './api.js';

/** A refusal found before asking the API: the field and the message key. */
export class FieldError extends Error {
  constructor(field, key, vars = {}) {
    super(key);
    this.field = field;
    this.key = key;
    this.vars = vars;
  }
}

function field(name, label, hint, control) {
  const id = uid('f');
  control.id = id;
  control.name = name;
  const hintEl = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  const error = h('p', { class: 'error-message', id: id + '-error', hidden: true });
  control.setAttribute('aria-describedby', [hintEl ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), hintEl, error, control);
}

/** A text input; {@code options}: hint, value, type, autocomplete, inputmode, width, spellcheck. */
export function text(name, label, options = {}) {
  const input = h('input', {
    type: options.type || 'text', value: options.value ?? '', autocomplete: options.autocomplete || 'off',
    inputmode: options.inputmode, spellcheck: options.spellcheck ?? 'false', class: 'input ' + (options.width || ''),
  });
  return field(name, label, options.hint, input);
}

/** An amount: typed as text ("12,50"), read by parseAmount. */
export function amount(name, label, currency, options = {}) {
  return text(name, label, { ...options, inputmode: 'decimal', width: 'w10', hint: options.hint
    ?? t('hint.amount', { currency }) });
}

export function select(name, label, choices, options = {}) {
  const control = h('select', { class: 'input' },
    choices.map(([value, text]) => h('option', { value, selected: value === options.value }, text)));
  return field(name, label, options.hint, control);
}

/** Radios in a fieldset whose legend asks the question. */
export function radios(name, legend, choices, options = {}) {
  const error = h('p', { class: 'error-message', id: uid('e'), hidden: true });
  const items = choices.map(([value, label, hint]) => {
    const id = uid('r');
    return h('div', { class: 'choice' },
      h('input', { type: 'radio', name, id, value, checked: value === options.value, onchange: options.onchange }),
      h('label', { for: id }, label), hint ? h('p', { class: 'hint' }, hint) : null);
  });
  return h('fieldset', { class: 'field', 'data-field': name, 'aria-describedby': error.id },
    h('legend', {}, legend), error, h('div', { class: 'choices' }, items));
}

export function checkbox(name, label, checked, hint) {
  const id = uid('c');
  return h('div', { class: 'choice', 'data-field': name },
    h('input', { type: 'checkbox', name, id, checked }), h('label', { for: id }, label),
    hint ? h('p', { class: 'hint' }, hint) : null);
}

/** The message for a refusal, in the person's language; the API's own words only where no message fits. */
export function problemMessage(p) {
  if (p instanceof FieldError) return t(p.key, p.vars);
  if (!(p instanceof Problem)) return t('problem.internal_error');
  if (p.code === 'invalid_request' && p.field) {
    const key = 'invalid.' + p.field.replace(/\[\d+\]/g, '');
    if (has(key)) return t(key);
    return t('problem.invalid_request', { detail: p.detail });
  }
  return has('problem.' + p.code) ? t('problem.' + p.code) : t('problem.other', { code: p.code, detail: p.detail });
}

function controlOf(form, name) {
  return name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
}

function clearErrors(form) {
  form.querySelector('.error-summary')?.remove();
  for (const f of form.querySelectorAll('.field-error')) f.classList.remove('field-error');
  for (const e of form.querySelectorAll('.error-message')) {
    e.hidden = true;
    e.replaceChildren();
  }
}

/**
 * Shows {@code error} next to the field it names (a FieldError's, the API's {@code field}, or the one
 * {@code codeFields} gives for its code) and in a summary at the top of the form, which takes the focus.
 */
export function showError(form, error, codeFields = {}) {
  clearErrors(form);
  const message = problemMessage(error);
  const name = error.field && controlOf(form, error.field) ? error.field : codeFields[error.code];
  const control = controlOf(form, name);
  const summaryItem = control
    ? h('li', {}, h('a', { href: '#' + control.id, onclick: (e) => { e.preventDefault(); control.focus(); } }, message))
    : h('li', {}, message);
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, t('error.title')), h('ul', {}, summaryItem));
  form.prepend(summary);
  const wrap = control?.closest('[data-field]');
  const slot = wrap?.querySelector('.error-message');
  if (slot) {
    wrap.classList.add('field-error');
    slot.append(h('span', { class: 'visually-hidden' }, t('error.prefix')), message);
    slot.hidden = false;
  }
  summary.focus();
}

/**
 * A form whose button runs {@code action(values, form)}; while it runs the button is disabled, so a double
 * click sends once. A refusal is shown by {@link showError}. {@code danger}: a button for what cannot be undone.
 */
export function form(buttonLabel, children, action, { codeFields = {}, secondary = false, danger = false,
  extra = null } = {}) {
  const kind = danger ? ' warning' : secondary ? ' secondary' : '';
  const button = h('button', { type: 'submit', class: 'button' + kind }, buttonLabel);
  const el = h('form', { novalidate: true, class: 'form' }, children, h('div', { class: 'actions' }, button, extra));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      clearErrors(el);
      await action(values(el), el);
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (!(e instanceof Problem) && !(e instanceof FieldError)) console.error(e);
      if (el.isConnected) showError(el, e, codeFields);
    } finally {
      button.disabled = false;
      el.removeAttribute('aria-busy');
    }
  });
  return el;
}

/** The form's controls by name: text as typed, checkboxes as booleans, the checked radio's value. */
export function values(formEl) {
  const out = {};
  for (const c of formEl.elements) {
    if (!c.name) continue;
    if (c.type === 'checkbox') out[c.name] = c.checked;
    else if (c.type === 'radio') { if (c.checked) out[c.name] = c.value; }
    else out[c.name] = c.value;
  }
  return out;
}
