// Following the ledger's event stream (GET /v1/events/stream, DESIGN.md §9) with fetch and a streaming reader, not
// EventSource, which cannot send the Authorization header (the token would have to go in the URL, where proxies log
// it). One open request brings each change the moment it is committed, where a long poll would cost a request per
// change or per 30 seconds. A cut stream is resumed from the last event seen, so nothing is missed or seen twice.
import { open } from './api.js';

/** Calls {@code onEvent} with each event of the SSE text read from {@code body}; returns the last seq seen. */
async function readEvents(body, after, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last = after;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return last;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (\d+)$/m.exec(block);
      if (!id) continue; // a comment (keep-alive)
      last = Number(id[1]);
      const data = block.split('\n').filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
      onEvent(JSON.parse(data));
    }
  }
}

/**
 * Follows the events of {@code types} after {@code after}: {@code onEvent(event)} for each, {@code onLive(true)}
 * when the stream is open and {@code onLive(false)} when it was cut (it is opened again, waiting longer each time up
 * to 30 s). Answers the function that stops following.
 */
export function follow({ types, after = 0, onEvent, onLive = () => {} }) {
  const stop = new AbortController();
  (async () => {
    let cursor = after;
    let delayMs = 1000;
    while (!stop.signal.aborted) {
      try {
        const response = await open('/v1/events/stream?types=' + types.join(',') + '&after=' + cursor, stop.signal);
        onLive(true);
        delayMs = 1000;
        cursor = await readEvents(response.body, cursor, (event) => {
          cursor = event.seq;
          onEvent(event);
        });
      } catch (e) {
        if (stop.signal.aborted) return;
      }
      onLive(false);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 30_000);
    }
  })();
  return () => stop.abort();
}
