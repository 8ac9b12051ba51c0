import { z } from 'zod';

/** Atlas ids (orgs, projects, clusters, invoices) are 24 lowercase hex characters. */
export const objectIdSchema = z
  .string()
  .regex(/^[a-f0-9]{24}$/, { error: 'must be a 24-character lowercase hexadecimal id' });
export type ObjectId = z.infer<typeof objectIdSchema>;

/** The BFF's own query id: opaque, URL-safe, never the Atlas token. */
export const costQueryIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, { error: 'is not a valid query id' });
