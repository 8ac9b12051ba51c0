import { Alert, Text } from '@mantine/core';
import type { KeptMonth } from '@ace/bff/contract';
import { formatDay, formatMonth } from '../../../lib/months';

/**
 * Months of the result that Atlas no longer serves, answered from what this dashboard kept when
 * Atlas still did: said in words near the heading, one line per day they were kept, so a copied
 * number can be traced to when Atlas gave it.
 */
export function KeptMonthsNote({ history }: { history: readonly KeptMonth[] | undefined }) {
  if (!history || history.length === 0) return null;
  const byDay = new Map<string, string[]>();
  for (const { month, keptSince } of [...history].sort((a, b) => a.month.localeCompare(b.month))) {
    const day = formatDay(keptSince);
    byDay.set(day, [...(byDay.get(day) ?? []), month]);
  }
  return (
    // A note, not an alert: it describes the results rather than interrupting with news.
    <Alert color="blue" variant="light" role="note" title="From this dashboard's history">
      {[...byDay].map(([day, months]) => (
        <Text size="sm" key={day}>
          {months.map(formatMonth).join(', ')}: kept by this dashboard since {day}; Atlas no longer
          serves {months.length === 1 ? 'this month' : 'these months'}.
        </Text>
      ))}
    </Alert>
  );
}
