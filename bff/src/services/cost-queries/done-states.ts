export interface DoneState {
  orgId: string;
  /** The organizations the job's query covers: who may watch it is decided from them. */
  organizations: readonly string[];
  /** The browser view, serialized once: polls of a done job send these bytes as they are. */
  json: string;
}

/**
 * Finished jobs never change, so their browser view is kept in memory (least recently used,
 * bounded by the size of the results) and repeated polls of a done job skip the store.
 */
export class DoneStates {
  private readonly entries = new Map<string, DoneState>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(id: string): DoneState | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry); // most recently used last
    return entry;
  }

  /** Keeps the view if it fits (one result may take half the budget); JSON length is its cost. */
  remember(id: string, state: DoneState): void {
    const bytes = state.json.length;
    if (bytes > this.maxBytes / 2 || this.entries.has(id)) return;
    this.entries.set(id, state);
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.json.length;
    }
  }
}
