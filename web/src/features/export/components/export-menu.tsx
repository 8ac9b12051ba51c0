import { Button, Group, Menu, Text } from '@mantine/core';
import type { UsageRow } from '@ace/bff/contract';
import { useState } from 'react';
import { loadExportBuilder } from '../lazy';
import type { ExportInput, ExportKind } from '../build-export';

type Props = Omit<ExportInput, 'source' | 'rows'> & {
  source: Omit<ExportInput['source'], 'generatedAt'>;
  noun: string;
  /** How many usage rows the query has (its totals say; the rows are not loaded yet). */
  rowCount: number;
  /** The usage rows, fetched when a detail export first needs them. */
  loadRows: () => Promise<readonly UsageRow[]>;
};

function download(content: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob; free ours once it has started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Files and clipboard copies built from the loaded result: raw numbers, the query on top. */
export function ExportMenu({ noun, rowCount, loadRows, ...input }: Props) {
  const [message, setMessage] = useState('');
  const run = async (kind: ExportKind) => {
    try {
      const detail = kind.startsWith('detail');
      if (detail) setMessage(`Loading ${rowCount.toLocaleString()} usage rows…`);
      const [{ buildExport }, rows] = await Promise.all([
        loadExportBuilder(),
        detail ? loadRows() : Promise.resolve([]),
      ]);
      const built = buildExport(kind, {
        ...input,
        rows,
        source: { ...input.source, generatedAt: new Date() },
      });
      if (kind.endsWith('csv')) {
        download(built.content, built.fileName);
        setMessage(`Downloaded ${built.fileName} (${built.lineCount.toLocaleString()} rows).`);
      } else {
        await navigator.clipboard.writeText(built.content);
        setMessage(`Copied ${built.lineCount.toLocaleString()} rows as tab-separated text.`);
      }
    } catch (error) {
      console.error('export failed', error);
      setMessage('The export did not work. Try again, or use the other format.');
    }
  };
  const rows = rowCount.toLocaleString();
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {message}
      </Text>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default">Export</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Download (CSV, opens in Excel)</Menu.Label>
          <Menu.Item onClick={() => void run('pivot-csv')}>Cost by {noun} and month</Menu.Item>
          <Menu.Item onClick={() => void run('detail-csv')}>All usage rows ({rows})</Menu.Item>
          <Menu.Label>Copy to paste into a sheet (TSV)</Menu.Label>
          <Menu.Item onClick={() => void run('pivot-tsv')}>Copy cost by {noun} and month</Menu.Item>
          <Menu.Item onClick={() => void run('detail-tsv')}>Copy all usage rows</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
