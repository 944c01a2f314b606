// QR codes drawn by the back office's own route (POST /office/qr.svg): the text goes in the body, never in a
// URL, since an enrollment link holds a secret.
import { problemOf } from '/common/js/api.js';

/** The text drawn as a QR code (SVG text) by the service. */
export async function qrSvg(text) {
  const response = await fetch('/office/qr.svg', {
    method: 'POST', body: text, cache: 'no-store', credentials: 'omit',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
  if (!response.ok) throw await problemOf(response);
  return response.text();
}

