import { parseArgs } from 'node:util';
import { isMonthStart } from '../contract';
import { OBJECT_ID } from '../atlas/schemas';
import { loadCliConfig, type Config } from '../config';
import { createLogger } from '../logger';
import { createHistoryService } from '../services/history';
import { openStore } from '../store/open-store';

const USAGE = `Usage: pnpm history:forget (--org <orgId> | --all-orgs) (--before <YYYY-MM> | --all-months)

Deletes months this dashboard kept (its month slices: the history it still answers after Atlas
stops serving a month), in the configured store (DATABASE_URL, or DATA_DIR's SQLite file).
Both choices are explicit: which organizations, and which months.
  --org <orgId>      only this organization's kept months
  --all-orgs         every organization's
  --before <YYYY-MM> only months before this one
  --all-months       every kept month, the current one included
Kept months older than HISTORY_KEEP_MONTHS are deleted on their own; this is for anything else.
`;

/** `pnpm history:forget`: returns the exit code. The outcome goes to `write`, problems to `log`. */
export async function main(
  argv: string[],
  io: { write: (text: string) => void; log: (text: string) => void; config?: Config },
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        org: { type: 'string' },
        'all-orgs': { type: 'boolean' },
        before: { type: 'string' },
        'all-months': { type: 'boolean' },
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
  const problems: string[] = [];
  if ((args.org === undefined) === (args['all-orgs'] !== true)) {
    problems.push('Say which organizations: --org <orgId> or --all-orgs (one of them).');
  } else if (args.org !== undefined && !OBJECT_ID.test(args.org)) {
    problems.push('--org must be a 24-character lowercase hexadecimal organization id.');
  }
  const before = args.before === undefined ? undefined : `${args.before}-01`;
  if ((before === undefined) === (args['all-months'] !== true)) {
    problems.push('Say which months: --before <YYYY-MM> or --all-months (one of them).');
  } else if (before !== undefined && !isMonthStart(before)) {
    problems.push('--before must be a month as YYYY-MM, e.g. 2025-01.');
  }
  if (problems.length > 0) {
    io.log(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }
  const config = loadCliConfig(io.config, io.log);
  if ('exitCode' in config) return config.exitCode;
  const logger = createLogger({ level: 'warn' });
  const store = await openStore(config.store, logger);
  try {
    const history = createHistoryService({
      slices: store.slices,
      settings: config.history,
      logger,
    });
    const deleted = await history.forget({
      ...(args.org !== undefined && { orgId: args.org }),
      ...(before !== undefined && { before }),
    });
    const which = args.org === undefined ? 'all organizations' : `organization ${args.org}`;
    const months = before === undefined ? 'every kept month' : `months before ${args.before}`;
    io.write(`Deleted ${deleted} kept month slice(s): ${which}, ${months}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
