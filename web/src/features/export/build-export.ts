import type { UsageRow } from '@ace/bff/contract';
import type { NameDirectory } from '../../lib/entity-names';
import { isoMonth } from '../../lib/months';
import { DIMENSION_NOUN } from '../../lib/usage-fields';
import { CSV, toSheet, TSV } from './csv';
import { detailFileLines, detailLines } from './detail-export';
import { pivotFileLines, pivotLines, type PivotForExport } from './pivot-export';
import type { ExportSource } from './query-header';

export type ExportKind = 'pivot-csv' | 'detail-csv' | 'pivot-tsv' | 'detail-tsv';

export interface ExportInput {
  pivot: PivotForExport;
  rows: readonly UsageRow[];
  directory: NameDirectory | undefined;
  source: ExportSource;
}

export interface BuiltExport {
  content: string;
  fileName: string;
  lineCount: number;
}

/**
 * Builds a file from what the page already holds (no API call). Timed with the User Timing
 * API as `ace:export:<kind>`, which the render benchmark reads.
 */
export function buildExport(kind: ExportKind, input: ExportInput): BuiltExport {
  const started = performance.now();
  const { pivot, rows, directory, source } = input;
  const { months } = source.done;
  const range = `${isoMonth(months.first)}_${isoMonth(months.last)}`;
  let built: BuiltExport;
  switch (kind) {
    case 'pivot-csv': {
      const noun = DIMENSION_NOUN[pivot.dimension];
      const content = toSheet(CSV, pivotFileLines(CSV, pivot, source));
      built = {
        content,
        fileName: `atlas-cost-by-${noun}-${range}.csv`,
        lineCount: pivot.rows.length,
      };
      break;
    }
    case 'detail-csv': {
      built = {
        content: toSheet(CSV, detailFileLines(CSV, rows, directory, source)),
        fileName: `atlas-usage-${range}.csv`,
        lineCount: rows.length,
      };
      break;
    }
    case 'pivot-tsv':
      built = {
        content: toSheet(TSV, pivotLines(TSV, pivot)),
        fileName: '',
        lineCount: pivot.rows.length,
      };
      break;
    case 'detail-tsv':
      built = {
        content: toSheet(TSV, detailLines(TSV, rows, directory)),
        fileName: '',
        lineCount: rows.length,
      };
      break;
  }
  performance.measure(`ace:export:${kind}`, { start: started, end: performance.now() });
  return built;
}
