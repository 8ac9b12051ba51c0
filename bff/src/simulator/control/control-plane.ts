import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultRuleProblem } from './faults';
import { readBody } from '../http-io';
import { isSimulatorProfileName, SIMULATOR_PROFILES, type SimulatorProfileName } from '../profiles';
import type { FaultRule, ProcessingMode, RequestLogEntry, SimDataset } from '../types';
import { PROCESSING_MODES } from '../types';

/**
 * `/__sim/*`: the HTTP face of the Simulator interface, for tests that run the BFF (and its
 * embedded simulator) in another process. Needs no auth and is never in the request log.
 */
export interface ControlTarget {
  readonly requests: readonly RequestLogEntry[];
  clearRequests: () => void;
  addFault: (rule: FaultRule) => void;
  clearFaults: () => void;
  settings: () => {
    profile: SimulatorProfileName;
    processingMode: ProcessingMode;
    processingMs: number;
  };
  setProcessingMode: (mode: ProcessingMode) => void;
  setProcessingMs: (ms: number) => void;
  /** Switches every answer to the profile's, the processing form included. */
  setProfile: (name: SimulatorProfileName) => void;
  dataset: SimDataset;
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req, 1_000_000));
  } catch {
    return undefined;
  }
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  target: ControlTarget,
): Promise<void> {
  const key = `${req.method ?? 'GET'} ${path}`;
  switch (key) {
    case 'GET /__sim/requests':
      return reply(res, 200, target.requests);
    case 'DELETE /__sim/requests':
      target.clearRequests();
      return reply(res, 204);
    case 'POST /__sim/faults': {
      const rule = await jsonBody(req);
      const problem = faultRuleProblem(rule);
      if (problem) return reply(res, 400, { error: `Invalid fault rule: ${problem}` });
      target.addFault(rule as FaultRule);
      return reply(res, 201, rule);
    }
    case 'DELETE /__sim/faults':
      target.clearFaults();
      return reply(res, 204);
    case 'GET /__sim/settings':
      return reply(res, 200, target.settings());
    case 'PUT /__sim/settings': {
      const body = (await jsonBody(req)) as Record<string, unknown> | undefined;
      const problem = settingsProblem(body);
      if (problem) return reply(res, 400, { error: problem });
      // The profile first: it sets a processing form that an explicit one then overrides.
      if (body?.profile !== undefined) target.setProfile(body.profile as SimulatorProfileName);
      if (body?.processingMode !== undefined)
        target.setProcessingMode(body.processingMode as ProcessingMode);
      if (body?.processingMs !== undefined) target.setProcessingMs(body.processingMs as number);
      return reply(res, 200, target.settings());
    }
    case 'GET /__sim/dataset':
      return reply(res, 200, target.dataset);
    default:
      return reply(res, 404, { error: `No control endpoint ${key}` });
  }
}

function settingsProblem(body: Record<string, unknown> | undefined): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'body must be a JSON object';
  const { profile, processingMode, processingMs } = body;
  if (profile !== undefined && !isSimulatorProfileName(profile)) {
    return `profile must be one of ${SIMULATOR_PROFILES.join(', ')}`;
  }
  if (
    processingMode !== undefined &&
    !PROCESSING_MODES.includes(processingMode as ProcessingMode)
  ) {
    return `processingMode must be one of ${PROCESSING_MODES.join(', ')}`;
  }
  if (
    processingMs !== undefined &&
    !(typeof processingMs === 'number' && processingMs >= 0 && Number.isFinite(processingMs))
  ) {
    return 'processingMs must be a non-negative number';
  }
  return undefined;
}
