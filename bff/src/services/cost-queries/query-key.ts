import { createHash } from 'node:crypto';
import type { AtlasQuery } from './atlas-query';

/**
 * Two questions that ask Atlas the same thing get the same key. `toAtlasQuery` already made the
 * body canonical (lists sorted and de-duplicated, empty ones and defaults left out, one key
 * order), so the key is a hash of its JSON: short, fixed-length, and safe to index.
 */
export function queryKeyOf(query: AtlasQuery): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url');
}
