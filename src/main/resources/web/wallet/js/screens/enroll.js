// Enrolling this phone or computer: the code the association gave (or its link, which fills it in). The device makes
// its own key, which never leaves it; after storage is wiped or the token revoked, a new code enrols it again.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { form, text, FieldError } from '/common/js/forms.js';
import { notice } from '/common/js/ui.js';
import { supported } from '/common/js/device.js';
import { enroll, forget } from '../me.js';
import { enrolled } from '../app.js';

const CODE = /^[0-9a-f]{32}$/;

export default async function enrollScreen(view, context, code) {
  view.append(h('h1', {}, t('enroll.title')));
  if (sessionStorage.getItem('mlml-wallet-ended')) {
    sessionStorage.removeItem('mlml-wallet-ended');
    view.append(notice(t('enroll.ended')));
  }
  if (!supported()) {
    view.append(notice(t('enroll.unsupported')));
    return;
  }
  view.append(h('p', { class: 'lead' }, t('enroll.lead')), h('p', {}, t('enroll.again')),
    form(t('enroll.button'), [
      text('code', t('enroll.code'), { hint: t('enroll.code_hint'), value: code || '', width: 'w30',
        autocomplete: 'one-time-code' }),
      text('device_name', t('enroll.device'), { hint: t('enroll.device_hint'), width: 'w20' }),
    ], async (v) => {
      const typed = v.code.replace(/[\s-]/g, '').toLowerCase();
      if (!typed) throw new FieldError('code', 'enroll.code_missing');
      if (!CODE.test(typed)) throw new FieldError('code', 'enroll.code_shape');
      const who = await enroll(typed, v.device_name.trim() || undefined);
      if (who.terminal_id) {
        // A till's code: its token cannot pay from the member's accounts, so this device does not keep it.
        await forget();
        throw new FieldError('code', 'enroll.is_terminal');
      }
      await enrolled();
    }, { codeFields: { enrollment_invalid: 'code', rate_limited: 'code' } }));
}
