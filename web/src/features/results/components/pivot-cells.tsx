import { Anchor, Text, VisuallyHidden } from '@mantine/core';
import { formatPercentChange, formatUsd, formatUsdChange } from '../../../lib/money';
import type { PivotRow } from '../pivot-types';
import type { MonthChange } from '../month-change';

export function NoUsage() {
  return (
    <>
      <span aria-hidden>–</span>
      <VisuallyHidden>no usage</VisuallyHidden>
    </>
  );
}

export function Amount({ cents }: { cents: number | null | undefined }) {
  return cents === null || cents === undefined ? <NoUsage /> : formatUsd(cents);
}

export function ChangeAmount({ change, perDay }: { change: MonthChange | null; perDay: boolean }) {
  if (!change) return <NoUsage />;
  return `${formatUsdChange(change.deltaCents)}${perDay ? '/day' : ''}`;
}

export function ChangePercent({ change }: { change: MonthChange | null }) {
  if (!change) return <NoUsage />;
  return change.ratio === null ? 'new' : formatPercentChange(change.ratio);
}

export function MonthHeader({ label, note }: { label: string; note: string | null }) {
  return (
    <>
      {label}
      {note && (
        <Text span display="block" size="xs" c="dimmed" fw={400}>
          {note}
        </Text>
      )}
    </>
  );
}

/** A drill action reads as the group's name, with the action spelled out for screen readers. */
export function GroupLabel({
  row,
  action,
  onDrill,
}: {
  row: PivotRow;
  action: string | null;
  onDrill?: (row: PivotRow) => void;
}) {
  const style = { fontStyle: row.unattributed ? 'italic' : undefined };
  if (!action || !onDrill) {
    return (
      <span style={style} title={row.label}>
        {row.label}
      </span>
    );
  }
  return (
    <Anchor component="button" type="button" style={style} onClick={() => onDrill(row)} fw={500}>
      {row.label}
      <VisuallyHidden>: {action}</VisuallyHidden>
    </Anchor>
  );
}
