import { chmodSync } from 'node:fs';
import { createStream } from 'rotating-file-stream';
import { describeExchange, type WireLog } from './wire-log';

export interface WireLogFileOptions {
  path: string;
  /** The file is renamed to `.1` once it passes this size. */
  maxBytes: number;
  /** Rotated files kept (`.1` … `.N`); the oldest is dropped. */
  files: number;
  /** Told once when the file cannot be written; recording then stops, Atlas calls go on. */
  onError?: (err: Error) => void;
}

export interface WireLogFile extends WireLog {
  close(): Promise<void>;
}

const OWNER_ONLY = 0o600;

/**
 * ATLAS_WIRE_LOG: one JSON line per Atlas exchange (see wire-log.ts for what a line holds),
 * size-capped and rotated like logrotate by rotating-file-stream (maintained, no dependencies,
 * Node ≥ 14). Owner-only: the lines hold no values, but they say when and how we call Atlas.
 */
export function openWireLogFile(options: WireLogFileOptions): WireLogFile {
  const stream = createStream(options.path, {
    size: `${options.maxBytes}B`,
    rotate: options.files,
    mode: OWNER_ONLY,
  });
  let failed = false;
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    options.onError?.(err);
  };
  stream.on('error', fail);
  // `mode` applies only when the file is created; an older file may have been made wider.
  stream.on('open', (filename: string) => {
    try {
      chmodSync(filename, OWNER_ONLY);
    } catch (err) {
      fail(err as Error);
    }
  });
  return {
    record(exchange) {
      if (failed || stream.destroyed) return;
      stream.write(`${JSON.stringify(describeExchange(exchange))}\n`);
    },
    close() {
      return new Promise((resolve) => {
        if (stream.destroyed || stream.writableEnded) resolve();
        else stream.end(() => resolve());
      });
    },
  };
}
