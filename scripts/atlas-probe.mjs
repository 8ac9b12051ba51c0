// `pnpm atlas:probe [--org <id>] [--out wire.json]`: how a real account's Atlas answers Cost
// Explorer (docs/atlas-wire.md, "Probing a real account"). Runs under `node --import tsx` so it
// can use the BFF's config loading, Atlas client and simulator as they are.
const { main } = await import('../bff/src/probe/cli.ts');

process.exitCode = await main(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  log: (text) => process.stderr.write(text),
});
