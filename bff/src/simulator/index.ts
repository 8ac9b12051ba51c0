// The Atlas simulator's public face: an HTTP server at Atlas's own paths, used by tests and as
// the dashboard's built-in demo data. Everything else in this folder is internal.
export { DEMO_CREDENTIALS } from './auth/credentials';
export { createSimulator } from './server';
export { isSimulatorProfileName, SIMULATOR_PROFILES, simulatorProfile } from './profiles';
export type { SimulatorProfile, SimulatorProfileName } from './profiles';
export { FAULT_ROUTES, PROCESSING_MODES } from './types';
export type {
  FaultAction,
  FaultRoute,
  FaultRule,
  ProcessingMode,
  RequestLogEntry,
  SimCredentials,
  SimCluster,
  SimDataset,
  SimRateLimit,
  SimOrg,
  SimProject,
  Simulator,
  SimulatorOptions,
} from './types';
