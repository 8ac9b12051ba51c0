import { Table } from '@mantine/core';
import type { CostPivot, PivotRow } from '../pivot-types';
import { changeFor, type Comparison } from './pivot-columns';
import { Amount, ChangeAmount, ChangePercent } from './pivot-cells';

const amount = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

interface TotalsRowProps {
  label: string;
  cells: (number | null)[];
  totalCents: number;
  pivot: CostPivot;
  comparison: Comparison | null;
  now: Date;
  rowIndex: number;
  testId: string;
}

function TotalsRow({
  label,
  cells,
  totalCents,
  pivot,
  comparison,
  now,
  rowIndex,
  testId,
}: TotalsRowProps) {
  const change = comparison ? changeFor(cells, pivot, comparison, now) : null;
  return (
    <Table.Tr aria-rowindex={rowIndex} data-testid={testId}>
      <Table.Th scope="row">{label}</Table.Th>
      {cells.map((cents, i) => (
        <Table.Td key={pivot.months[i]?.month ?? i} style={amount} fw={600}>
          <Amount cents={cents} />
        </Table.Td>
      ))}
      <Table.Td style={amount} fw={700}>
        <Amount cents={totalCents} />
      </Table.Td>
      {comparison && (
        <>
          <Table.Td style={amount} fw={600}>
            <ChangeAmount change={change} perDay={comparison.perDay} />
          </Table.Td>
          <Table.Td style={amount} fw={600}>
            <ChangePercent change={change} />
          </Table.Td>
        </>
      )}
    </Table.Tr>
  );
}

/** Column totals of the whole pivot, and of the rows the filter kept when it hides some. */
export function pivotFooter(input: {
  pivot: CostPivot;
  shown: readonly PivotRow[] | null;
  comparison: Comparison | null;
  now: Date;
  firstRowIndex: number;
}) {
  const { pivot, shown, comparison, now, firstRowIndex } = input;
  const lines = [
    {
      testId: 'pivot-total-row',
      label: 'Total',
      cells: pivot.months.map((m) => m.totalCents),
      totalCents: pivot.grandTotalCents,
    },
  ];
  if (shown) {
    lines.unshift({
      testId: 'pivot-matching-row',
      label: `Matching (${shown.length} of ${pivot.rows.length})`,
      cells: pivot.months.map((_, i) => shown.reduce((sum, r) => sum + (r.cells[i] ?? 0), 0)),
      totalCents: shown.reduce((sum, r) => sum + r.totalCents, 0),
    });
  }
  return lines.map((line, i) => (
    <TotalsRow
      key={line.testId}
      {...line}
      pivot={pivot}
      comparison={comparison}
      now={now}
      rowIndex={firstRowIndex + i}
    />
  ));
}
