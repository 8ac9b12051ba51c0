import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { createLogger, logFormatFor, type LogFormat } from '../../src/logger';

/** A destination that keeps what the logger wrote, as text. */
function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const SECRET = 'sk-very-secret-value';

function logSecrets(format: LogFormat) {
  const out = sink();
  const logger = createLogger({ level: 'info', format, destination: out.stream });
  logger.info(
    {
      clientSecret: SECRET,
      headers: { authorization: `Bearer ${SECRET}`, cookie: `s=${SECRET}` },
      atlas: { privateKey: SECRET, token: SECRET },
      url: 'http://127.0.0.1:3000',
    },
    'listening',
  );
  return out.text();
}

describe('the logger', () => {
  it('writes JSON lines, with secrets censored', () => {
    const text = logSecrets('json');
    const line = JSON.parse(text.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'listening',
      clientSecret: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      atlas: { privateKey: '[redacted]', token: '[redacted]' },
    });
    expect(text).not.toContain(SECRET);
  });

  it('pretty-prints for a person, with the same secrets censored', () => {
    const text = logSecrets('pretty');
    expect(() => JSON.parse(text.trim()) as unknown).toThrow();
    expect(text).toMatch(/INFO.*listening/);
    expect(text).toContain('http://127.0.0.1:3000');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(SECRET);
  });

  it('is pretty at a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(logFormatFor(undefined, true)).toBe('pretty');
    expect(logFormatFor(undefined, false)).toBe('json');
    expect(logFormatFor(undefined, undefined)).toBe('json');
    expect(logFormatFor('json', true)).toBe('json');
    expect(logFormatFor('pretty', false)).toBe('pretty');
  });

  it('reads LOG_FORMAT from the environment and refuses any other value', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: '' }).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
