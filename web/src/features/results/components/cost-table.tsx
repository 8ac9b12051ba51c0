import { Table, VisuallyHidden } from '@mantine/core';
import { formatUsd } from '../../../lib/money';
import { DIMENSION_NOUN, type CostPivot } from '../build-cost-pivot';

const amountStyle = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function NoUsage() {
  return (
    <>
      <span aria-hidden>–</span>
      <VisuallyHidden>no usage</VisuallyHidden>
    </>
  );
}

/** Group × month with row, column and grand totals; every amount is exact integer cents. */
export function CostTable({ pivot }: { pivot: CostPivot }) {
  const noun = DIMENSION_NOUN[pivot.dimension];
  return (
    <Table.ScrollContainer minWidth={480 + pivot.months.length * 110}>
      <Table striped highlightOnHover withTableBorder captionSide="top">
        <Table.Caption>Cost by {noun} and month</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{capitalise(noun)}</Table.Th>
            {pivot.months.map((column) => (
              <Table.Th key={column.month} scope="col" style={amountStyle}>
                {column.label}
              </Table.Th>
            ))}
            <Table.Th scope="col" style={amountStyle}>
              Total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pivot.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th
                scope="row"
                fw={row.unattributed ? 400 : 500}
                fs={row.unattributed ? 'italic' : undefined}
              >
                {row.label}
              </Table.Th>
              {row.cells.map((cents, i) => (
                <Table.Td key={pivot.months[i]?.month ?? i} style={amountStyle}>
                  {cents === null ? <NoUsage /> : formatUsd(cents)}
                </Table.Td>
              ))}
              <Table.Td style={amountStyle} fw={600}>
                {formatUsd(row.totalCents)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            {pivot.months.map((column) => (
              <Table.Td key={column.month} style={amountStyle} fw={600}>
                {formatUsd(column.totalCents)}
              </Table.Td>
            ))}
            <Table.Td style={amountStyle} fw={700}>
              {formatUsd(pivot.grandTotalCents)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
