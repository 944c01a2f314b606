// Sign-in with an admin or auditor token. The token is checked by reading the books (both roles may); whether it
// may change things is asked of the API, never guessed from the token.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api, Problem } from '/common/js/api.js';
import { session } from '../session.js';
import { form, text, FieldError } from '/common/js/forms.js';
import { remember } from '/common/js/currencies.js';
import { go } from '../app.js';

/**
 * 'admin' or 'auditor'. An empty POST /v1/tokens changes nothing either way: the role check refuses an auditor's
 * (403) before the body is read, and an admin's is refused for its missing role (400).
 */
async function roleOf(token) {
  try {
    await api('POST', '/v1/tokens', {}, token);
  } catch (e) {
    if (e instanceof Problem && e.status === 403) return 'auditor';
    if (e instanceof Problem && e.status === 400) return 'admin';
    throw e;
  }
  throw new Problem(500, { code: 'internal_error' });
}

export default function signIn(view) {
  const ended = sessionStorage.getItem('mlml-office-ended');
  sessionStorage.removeItem('mlml-office-ended');
  view.append(h('h1', {}, t('signin.title')));
  if (ended) view.append(h('p', { class: 'notice', role: 'status' }, t('signin.ended')));
  view.append(
    h('p', { class: 'lead' }, t('signin.lead')),
    form(t('signin.button'), [
      text('token', t('signin.token'), { type: 'password', hint: t('signin.token_hint'), width: 'w30' }),
    ], async ({ token }) => {
      const value = token.trim();
      if (!value) throw new FieldError('token', 'signin.empty');
      let report;
      try {
        report = await api('GET', '/v1/reconciliation', undefined, value);
      } catch (e) {
        if (e instanceof Problem && e.status === 401) throw new FieldError('token', 'signin.unknown');
        if (e instanceof Problem && e.status === 403) throw new FieldError('token', 'signin.not_staff');
        throw e;
      }
      session.save(value, await roleOf(value));
      remember(report);
      go('/');
    }),
  );
}
