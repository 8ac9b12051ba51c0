import { z } from 'zod';

/**
 * zod 4 probes `new Function('')` once to decide whether it may compile fast parsers. The
 * probe's throw is caught, but under our Content-Security-Policy (no 'unsafe-eval') the
 * browser still reports a `securitypolicyviolation` for it. Interpreted parsing is fast enough
 * for our payloads, so turn the compiler (and the probe) off before any schema runs.
 * Imported first in main.tsx; e2e/tests/security.spec.ts fails if a violation comes back.
 */
z.config({ jitless: true });
