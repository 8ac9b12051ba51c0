// `pnpm history:forget …`: deletes kept history (months this dashboard answers after Atlas stops
// serving them). Runs under `node --import tsx` to use the BFF's config and store as they are.
const { main } = await import('../bff/src/admin/forget-history.ts');

process.exitCode = await main(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  log: (text) => process.stderr.write(text),
});
