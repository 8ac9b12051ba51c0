import type { SimContext } from '../context';
import { ATLAS_JSON, queryFlag, sendJson, sendText, type Exchange } from '../http-io';
import { simulatorProfile } from '../profiles';
import type { QueryState } from './query-store';

/**
 * How a poll answers while the query is still running. Nobody has recorded what Atlas puts on
 * the wire (research §2.2), so every plausible form is available behind a switch:
 *
 * - final-102-close: `HTTP/1.1 102 Processing` as if it were final, then the connection closes.
 * - final-102-hold: the same status line, then the connection stays open with nothing more.
 * - interim-102-then-200: a real interim 102, then the final 200 once the query is done.
 * - envelope: HTTP 200 `{"status":102,"content":null}`; also what `?envelope=true` gets in the
 *   four 102 forms.
 * - status-body: a final 202 (or 200) with a status word, `{"status":"PROCESSING"}` (or
 *   IN_PROGRESS / PENDING, per the profile), as many job APIs do; enveloped like any body.
 */
export function answerProcessing(
  x: Exchange,
  ctx: SimContext,
  state: QueryState,
  rateHeaders: Record<string, string>,
  answerDone: () => void,
): void {
  const mode = ctx.settings.processingMode;
  if (mode === 'status-body') {
    const { httpStatus, status } = simulatorProfile(ctx.settings.profile).statusBody;
    sendJson(x, httpStatus, { status });
    return;
  }
  if (queryFlag(x, 'envelope') || mode === 'envelope') {
    sendText(x, 200, JSON.stringify({ status: 102, content: null }), ATLAS_JSON, rateHeaders);
    return;
  }
  if (mode === 'interim-102-then-200') {
    x.res.writeProcessing();
    x.log.status = 102;
    waitUntilDone(x, ctx, state, answerDone);
    return;
  }
  const socket = x.res.socket;
  if (!socket) return;
  const headerLines = Object.entries(rateHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const raw = `HTTP/1.1 102 Processing\r\n${headerLines}\r\n`;
  x.log.status = 102;
  // Bypass ServerResponse: Node would never send a 1xx as a final response.
  if (mode === 'final-102-close') socket.end(raw);
  else socket.write(raw);
}

/** Checks the simulator clock every few ms; a fake clock that jumps ahead ends the wait. */
function waitUntilDone(x: Exchange, ctx: SimContext, state: QueryState, answerDone: () => void) {
  const check = () => {
    if (ctx.closing || x.res.destroyed) return;
    const remaining = state.doneAt - ctx.nowMs();
    if (remaining <= 0) answerDone();
    else ctx.timers.later(check, Math.min(remaining, 10));
  };
  check();
}
