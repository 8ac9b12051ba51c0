import type { ApiCapacity } from '@ace/bff/contract';
import type { QueryParts } from './api/run-phase';
import { formatTimeAgo } from '../../lib/relative-time';
import { formatElapsed } from './format-elapsed';

/** "Data from 5 minutes ago", and where it came from when the BFF reused an earlier answer. */
export function formatDataAge(ageMs: number, fromCache: boolean): string {
  return `Data from ${formatTimeAgo(ageMs)}${fromCache ? ' · from cache' : ''}`;
}

/** Whole seconds, rounded up: "retrying in 1 s" until the moment it retries. */
export function formatRetryCountdown(remainingMs: number): string {
  if (remainingMs <= 0) return 'Atlas asked us to wait — retrying now';
  const seconds = Math.ceil(remainingMs / 1000);
  return `Atlas asked us to wait — retrying in ${formatElapsed(seconds * 1000)}`;
}

const count = new Intl.NumberFormat('en-US');

export function formatApiCapacity({ remaining, limit }: ApiCapacity): string {
  return `API capacity: ${count.format(remaining)} of ${count.format(limit)} requests left`;
}

/** "Asking Atlas in 27 parts: 3 answered" (a group-by over more ids than one query carries). */
export function formatParts({ done, total }: QueryParts): string {
  return `Asking Atlas in ${count.format(total)} parts: ${count.format(done)} answered`;
}
