import { List, Text } from '@mantine/core';
import { monthStateOf } from '../../../lib/months';
import type { CostPivot } from '../pivot-types';
import { monthToDateDays } from '../month-labels';

/**
 * Which numbers are not final, and what the currency means. Shown with every non-empty
 * result, because month-end numbers are the ones people copy into reports.
 */
export function MonthNotes({ pivot, now }: { pivot: CostPivot; now: Date }) {
  const current = pivot.months.find((m) => monthStateOf(m.month, now) === 'month-to-date');
  const closing = pivot.months.find((m) => monthStateOf(m.month, now) === 'may-change');
  const hasCredits = pivot.rows.some((r) => r.totalCents < 0 || r.label === 'Credits');
  return (
    <List size="sm" c="dimmed" spacing={2} aria-label="About these amounts">
      {current && (
        <List.Item>
          {current.label} is month to date ({monthToDateDays(current.month, now)}) and provisional:
          Atlas posts charges a day after they are incurred.
        </List.Item>
      )}
      {closing && (
        <List.Item>
          {closing.label} has closed but may still change: usage that cloud providers report late
          (data transfer, backup) can still be added.
        </List.Item>
      )}
      <List.Item>
        Amounts are in US dollars (USD), in your browser&apos;s number format, and add up exactly to
        the cent.{' '}
        <Text span inherit fw={hasCredits ? 600 : undefined}>
          For organizations on a MongoDB contract, usage is drawn from prepaid credits: the amounts
          are credits, valued in USD
          {hasCredits ? ' (this result includes credit lines, shown as negative amounts)' : ''}.
        </Text>
      </List.Item>
    </List>
  );
}
