import { VisuallyHidden } from '@mantine/core';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { formatUsd } from '../../../lib/money';
import type { DetailModel, TextColumn } from '../detail-model';

const column = createColumnHelper<number>();

const TEXT_COLUMNS: { id: TextColumn; header: string; size: number }[] = [
  { id: 'month', header: 'Month', size: 110 },
  { id: 'organization', header: 'Organization', size: 190 },
  { id: 'project', header: 'Project', size: 210 },
  { id: 'cluster', header: 'Cluster', size: 240 },
  { id: 'service', header: 'Service', size: 190 },
];

function Empty() {
  return (
    <>
      <span aria-hidden>–</span>
      <VisuallyHidden>none</VisuallyHidden>
    </>
  );
}

/** Columns over row indices into the model: the table never copies a usage row. */
export function detailColumns(model: DetailModel): ColumnDef<number, unknown>[] {
  return [
    ...TEXT_COLUMNS.map(({ id, header, size }) =>
      column.accessor((index) => model.text(id, index), {
        id,
        header,
        size,
        cell: (ctx) => ctx.getValue() || <Empty />,
        meta: id === 'month' ? { rowHeader: true } : undefined,
      }),
    ),
    column.accessor((index) => model.cents(index), {
      id: 'amount',
      header: 'Amount',
      size: 140,
      cell: (ctx) => formatUsd(ctx.getValue()),
      meta: { align: 'right' },
    }),
  ] as ColumnDef<number, unknown>[];
}
