import { describeExchange, type WireExchange, type WireLine, type WireLog } from '../atlas';

/** One exchange as the probe reports it: the wire line (without its clock time) and a signal. */
export type ProbeExchange = Omit<WireLine, 'time'> & {
  /** Which step of the probe made the call: `orgs`, `projects`, `query:services` … */
  step: string;
  /** For Cost Explorer calls: how Atlas said "processing" or "done" (see `signalOf`). */
  signal?: string;
};

const STATUS_WORD = /^[A-Z][A-Z_]{0,31}$/;

/**
 * What an answer to a Cost Explorer call says, in words from a closed set: the HTTP status, a
 * 102 and what followed it, an envelope's inner status, or a `status` word in the body such as
 * PROCESSING. Nothing from the body but that word (upper-case letters only) is kept.
 */
export function signalOf(exchange: WireExchange): string | undefined {
  const { outcome } = exchange;
  const interim = exchange.interim.some((i) => i.status === 102) ? 'interim 102, then ' : '';
  if (outcome.kind === 'processing') return `HTTP 102, then the connection was ${outcome.how}`;
  if (outcome.kind === 'error') return undefined;
  const { status, body } = outcome.response;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${interim}HTTP ${status}, ${body.trim() === '' ? 'empty body' : 'body not JSON'}`;
  }
  return `${interim}HTTP ${status}, ${bodyWords(parsed)}`;
}

function bodyWords(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body not an object';
  const record = body as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return 'body {}';
  if (typeof record.status === 'number' && 'content' in record) {
    return `envelope status ${record.status} (${bodyWords(record.content ?? {})})`;
  }
  if ('usageDetails' in record) return 'usageDetails';
  if ('token' in record) return 'token';
  if (typeof record.status === 'string' && STATUS_WORD.test(record.status)) {
    return `body status "${record.status}"`;
  }
  if ('errorCode' in record) {
    const code = record.errorCode;
    return `error ${typeof code === 'string' && STATUS_WORD.test(code) ? code : '(code not a word)'}`;
  }
  return 'other body';
}

/** An in-memory wire log: every exchange of the probe, tagged with the step that made it. */
export function createProbeRecorder(): WireLog & { step: string; exchanges: ProbeExchange[] } {
  const recorder = {
    step: 'start',
    exchanges: [] as ProbeExchange[],
    record(exchange: WireExchange) {
      const { time: _time, ...line } = describeExchange(exchange);
      const usage = line.path.includes('/costExplorer/');
      const signal = usage ? signalOf(exchange) : undefined;
      recorder.exchanges.push({ step: recorder.step, ...line, ...(signal && { signal }) });
    },
  };
  return recorder;
}
