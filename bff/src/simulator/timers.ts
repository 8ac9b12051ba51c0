/**
 * Real-time timers the simulator owns (fault delays, interim-102 waits), so that close() can
 * cancel them all and a test run never keeps the event loop alive.
 */
export class Timers {
  private pending = new Map<NodeJS.Timeout, () => void>();

  later(fn: () => void, ms: number): void {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, ms);
    this.pending.set(handle, () => undefined);
  }

  /** Resolves after `ms`, or at once when the simulator closes. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.pending.delete(handle);
        resolve();
      }, ms);
      this.pending.set(handle, resolve);
    });
  }

  cancelAll(): void {
    for (const [handle, onCancel] of this.pending) {
      clearTimeout(handle);
      onCancel();
    }
    this.pending.clear();
  }
}
