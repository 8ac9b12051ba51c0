/**
 * `pnpm simulator`: the Atlas simulator on its own, for poking at it with curl or pointing a BFF
 * at it (ATLAS_BASE_URL). Settings come only from config.ts. Secrets taken from the environment
 * are never printed; the documented demo values are.
 */
import { ConfigError, parseEnv, simulatorCredentialsFromEnv } from '../config';
import { DEMO_CREDENTIALS } from './auth/credentials';
import { createSimulator } from './server';

async function main(): Promise<void> {
  const env = parseEnv();
  const fromEnv = simulatorCredentialsFromEnv();
  const sim = createSimulator({
    credentials: fromEnv,
    processingMs: env.SIMULATOR_PROCESSING_MS,
    scale: env.SIMULATOR_SCALE,
    retentionMonths: env.SIMULATOR_RETENTION_MONTHS,
    profile: env.SIMULATOR_PROFILE,
  });
  // Handlers first: a supervisor may signal as soon as it reads the banner.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down the simulator`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const url = await sim.listen(env.SIMULATOR_PORT, '127.0.0.1');
  const { dataset } = sim;
  const serviceAccount = fromEnv.clientId
    ? [`  client id:     ${fromEnv.clientId}`, '  client secret: (from ATLAS_CLIENT_SECRET)']
    : [
        `  client id:     ${DEMO_CREDENTIALS.clientId}`,
        `  client secret: ${DEMO_CREDENTIALS.clientSecret}`,
      ];
  const apiKey = fromEnv.publicKey
    ? [`  public key:    ${fromEnv.publicKey}`, '  private key:   (from ATLAS_PRIVATE_KEY)']
    : [
        `  public key:    ${DEMO_CREDENTIALS.publicKey}`,
        `  private key:   ${DEMO_CREDENTIALS.privateKey}`,
      ];
  const digestUser = fromEnv.publicKey
    ? `${fromEnv.publicKey}:"$ATLAS_PRIVATE_KEY"`
    : `${DEMO_CREDENTIALS.publicKey}:${DEMO_CREDENTIALS.privateKey}`;
  console.log(
    [
      `Atlas simulator listening on ${url}`,
      `  ${dataset.orgs.length} organizations, ${dataset.projects.length} projects, ${dataset.clusters.length} clusters (scale ${dataset.scale}); paying org ${dataset.payingOrgId}`,
      `  processing time ${env.SIMULATOR_PROCESSING_MS} ms; profile ${env.SIMULATOR_PROFILE}`,
      'Service account (POST /api/oauth/token, HTTP Basic, grant_type=client_credentials):',
      ...serviceAccount,
      'API key (HTTP Digest):',
      ...apiKey,
      `Try: curl --digest -u ${digestUser} -H 'Accept: application/vnd.atlas.2023-01-01+json' ${url}/api/atlas/v2/orgs`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
