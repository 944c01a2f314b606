// Paying by scanning the till's QR code with the camera (where the browser can read QR codes), or by typing or
// pasting the link or code it shows.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { form, text, FieldError } from '/common/js/forms.js';
import { routeOf } from '../links.js';

function follow(route) {
  location.hash = '#' + route;
}

/** The camera's picture with a QR reader over it; stops the camera when the person leaves the screen. */
function camera(view, said) {
  const video = h('video', { class: 'camera', muted: true, playsinline: true, 'aria-label': t('scan.video') });
  const start = h('button', { type: 'button', class: 'button', id: 'camera' }, t('scan.camera'));
  let stream = null;
  let timer = null;
  const stop = () => {
    clearTimeout(timer);
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
  };
  start.addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      said.textContent = t('scan.no_camera');
      return;
    }
    start.hidden = true;
    video.srcObject = stream;
    await video.play();
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const look = async () => {
      if (!stream || !video.isConnected) return stop();
      const codes = await detector.detect(video).catch(() => []);
      for (const code of codes) {
        const route = routeOf(code.rawValue);
        if (route) {
          stop();
          follow(route);
          return;
        }
        said.textContent = t('scan.not_ours');
      }
      timer = setTimeout(look, 200);
    };
    look();
  });
  view.append(h('section', { class: 'section' }, h('p', {}, t('scan.camera_lead')), start, video));
  return stop;
}

export default async function scanScreen(view) {
  view.append(h('h1', {}, t('scan.title')));
  const said = h('p', { class: 'hint', role: 'status' });
  let stop = null;
  const canScan = 'BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia
    && (await BarcodeDetector.getSupportedFormats().catch(() => [])).includes('qr_code');
  if (canScan) stop = camera(view, said);
  view.append(said, h('section', { class: 'section' }, h('h2', {}, canScan ? t('scan.or_type') : t('scan.type')),
    form(t('scan.continue'), [text('link', t('scan.link'), { hint: t('scan.link_hint'), width: 'w30' })], (v) => {
      const route = routeOf(v.link);
      if (!route) throw new FieldError('link', v.link.trim() ? 'scan.not_ours' : 'scan.empty');
      follow(route);
    })));
  return stop;
}
