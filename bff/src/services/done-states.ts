import type { CostQueryState } from '../contract';

export interface DoneState {
  state: CostQueryState;
  /** The state serialized once: polls of a done job send these bytes as they are. */
  json: string;
}

/**
 * Finished jobs never change, so their browser view is kept in memory (least recently used,
 * bounded by the size of the results) and repeated polls of a done job skip the store.
 */
export class DoneStates {
  private readonly entries = new Map<string, DoneState & { bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(id: string): DoneState | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry); // most recently used last
    return entry;
  }

  /** Keeps the state if it fits; its JSON length is the measure of what it costs. */
  remember(id: string, state: CostQueryState): DoneState {
    const json = JSON.stringify(state);
    const bytes = json.length;
    if (bytes > this.maxBytes / 4 || this.entries.has(id)) return { state, json };
    this.entries.set(id, { state, json, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    return { state, json };
  }
}
