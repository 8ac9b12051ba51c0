import { z } from 'zod';

/** `GET /api/meta`: what the page needs to know about the deployment (never a secret). */
export const metaSchema = z.object({
  dataSource: z.enum(['simulator', 'atlas']),
  /** The server's idea of "now", so month pickers agree with the BFF's retention check. */
  now: z.iso.datetime(),
  retentionMonths: z.number().int(),
  /** Who the BFF thinks is asking: `local` without sign-in, the e-mail behind a sign-in proxy. */
  user: z.object({ id: z.string(), authMode: z.enum(['none', 'trusted-proxy']) }).optional(),
});
export type Meta = z.infer<typeof metaSchema>;
