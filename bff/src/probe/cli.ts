import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCliConfig, type Config } from '../config';
import { OBJECT_ID } from '../atlas/schemas';
import { runProbe, type ProbeOptions } from './probe';
import { formatProbeReport } from './probe-report';

const USAGE = `Usage: pnpm atlas:probe [--org <orgId>] [--out wire.json]

Asks Atlas (the configured credentials, as the BFF reads them; the built-in simulator
without any) at most six Cost Explorer queries over the last closed month and prints how
it answered. Amounts, names, ids, tokens and secrets are never printed or written.
`;

/** `pnpm atlas:probe`: returns the exit code. Output goes to `write` (stdout), progress to `log`. */
export async function main(
  argv: string[],
  io: {
    write: (text: string) => void;
    log: (text: string) => void;
    config?: Config;
    probe?: Partial<ProbeOptions>;
  },
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        org: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    io.log(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.write(USAGE);
    return 0;
  }
  if (args.org !== undefined && !OBJECT_ID.test(args.org)) {
    io.log('--org must be a 24-character lowercase hexadecimal organization id.\n');
    return 2;
  }
  const config = loadCliConfig(io.config, io.log);
  if ('exitCode' in config) return config.exitCode;
  const report = await runProbe({
    config,
    ...(args.org && { orgId: args.org }),
    progress: (text) => io.log(`${text}\n`),
    ...io.probe,
  });
  io.write(formatProbeReport(report));
  if (args.out) {
    // Owner-only like the wire log: it holds no values, but it is the user's to send.
    writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    io.write(`\nWrote ${args.out}: send it to us as it is (docs/atlas-wire.md).\n`);
  }
  return report.stopped ? 3 : 0;
}
