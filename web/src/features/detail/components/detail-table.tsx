import { Group, Text, TextInput } from '@mantine/core';
import type { UsageRow } from '@ace/bff/contract';
import type { SortingState } from '@tanstack/react-table';
import { useDeferredValue, useMemo, useState } from 'react';
import { useVirtualWindow } from '../../../components/data-table/use-virtual-window';
import { useWindowedTable } from '../../../components/data-table/use-windowed-table';
import { VirtualTable } from '../../../components/data-table/virtual-table';
import type { NameDirectory } from '../../../lib/entity-names';
import { formatUsd } from '../../../lib/money';
import { DETAIL_COLUMNS, DetailModel, type DetailColumn } from '../detail-model';
import { detailColumns } from './detail-columns';

interface DetailTableProps {
  rows: readonly UsageRow[];
  directory?: NameDirectory | undefined;
}

const isColumn = (id: string): id is DetailColumn =>
  (DETAIL_COLUMNS as readonly string[]).includes(id);

/** Every usage row Atlas returned, with names; sorts and filters 100,000 rows in place. */
export default function DetailTable({ rows, directory }: DetailTableProps) {
  const model = useMemo(() => new DetailModel(rows, directory), [rows, directory]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  // Typing stays responsive: the filter over 100,000 rows runs at a lower priority.
  const deferredFilter = useDeferredValue(filter);
  const order = useMemo(() => {
    const first = sorting[0];
    const sort = first && isColumn(first.id) ? { column: first.id, desc: first.desc } : null;
    return model.order(sort, deferredFilter);
  }, [model, sorting, deferredFilter]);
  const [scrollerRef, view] = useVirtualWindow(order.length);
  const shown = view.items.map((item) => order[item.index]!);
  const columns = useMemo(() => detailColumns(model), [model]);
  const table = useWindowedTable({
    data: shown,
    columns,
    sorting,
    onSortingChange: setSorting,
    getRowId: (index) => String(index),
  });
  const shownTotal = useMemo(() => {
    let cents = 0;
    for (const i of order) cents += model.cents(i);
    return cents;
  }, [model, order]);

  return (
    <>
      <Group align="flex-end" justify="space-between" mb="sm">
        <TextInput
          label="Filter rows"
          description="Month, organization, project, cluster or service contains"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          w={320}
        />
        <Text size="sm" data-testid="detail-summary">
          {order.length.toLocaleString()} of {rows.length.toLocaleString()} rows ·{' '}
          {formatUsd(shownTotal)}
        </Text>
      </Group>
      <VirtualTable
        table={table}
        scrollerRef={scrollerRef}
        window={view}
        caption="Usage rows (USD)"
        regionLabel="Usage rows, scrollable"
        data-testid="detail-table"
      />
    </>
  );
}
