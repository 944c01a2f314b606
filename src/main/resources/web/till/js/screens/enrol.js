// Enrolling this till with the code the back office gave, typed or brought by its link (#enroll=<code>). The
// till makes its own key: nobody copies a secret.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { Problem } from '/common/js/api.js';
import { form, text, FieldError } from '/common/js/forms.js';
import { flash } from '/common/js/ui.js';
import { codeFromUrl, supported } from '/common/js/device.js';
import { till } from '../till.js';
import { go, enrolled, ENDED } from '../app.js';

export default function enrol(view) {
  view.append(h('h1', {}, t('enrol.title')));
  const ended = sessionStorage.getItem(ENDED);
  sessionStorage.removeItem(ENDED);
  if (ended) view.append(h('p', { class: 'notice', role: 'status' }, t('enrol.ended')));
  if (!supported()) {
    view.append(h('p', { class: 'notice', role: 'alert' }, t('enrol.unsupported')));
    return;
  }
  const code = codeFromUrl();
  view.append(
    h('p', { class: 'lead' }, t('enrol.lead')),
    form(t('enrol.button'), [
      text('code', t('enrol.code'), { value: code || '', hint: t('enrol.code_hint'), width: 'w30',
        autocomplete: 'one-time-code' }),
      text('device_name', t('enrol.device_name'), { hint: t('enrol.device_name_hint'), width: 'w20' }),
    ], async (v) => {
      const typed = v.code.replace(/[\s-]/g, '');
      if (!/^[0-9a-fA-F]{32}$/.test(typed)) throw new FieldError('code', 'enrol.code_invalid');
      try {
        await till.enrol(typed, v.device_name.trim() || null);
      } catch (e) {
        if (e instanceof Problem && e.code === 'enrollment_invalid') throw new FieldError('code', 'enrol.code_refused');
        throw e;
      }
      if (!till.who().terminal_id) {
        await till.forget();
        throw new FieldError('code', 'enrol.not_terminal');
      }
      enrolled();
      flash(t('enrol.done', { terminal: till.who().terminal_id }));
      history.replaceState(null, '', location.pathname); // the code is spent: it leaves the address bar
      go('/account');
    }),
  );
}
