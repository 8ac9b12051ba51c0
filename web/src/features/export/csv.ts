/**
 * Spreadsheet text. Numbers are written raw ("1234.50": dot decimal, no symbol, no grouping)
 * so sheets compute with them; text from Atlas (names) is guarded against formula injection:
 * a leading = + - @ (or tab / carriage return) gets a ' so it stays text. Fields are escaped
 * as they are written (no intermediate cell objects: 100,000 rows × 12 fields).
 */
export interface SheetFormat {
  text: (value: string | undefined) => string;
  num: (value: string) => string;
  separator: string;
  newline: string;
  /** Written first: a UTF-8 BOM makes Excel read a CSV as UTF-8 on double-click. */
  start: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const CSV_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
function csvText(value: string | undefined): string {
  if (!value) return '';
  if (!CSV_SPECIAL.test(value)) return value;
  const guarded = guardFormula(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Tabs and line breaks would split a pasted cell: they become spaces. */
function tsvText(value: string | undefined): string {
  if (!value) return '';
  return guardFormula(value).replace(/[\t\r\n]+/g, ' ');
}

export const UTF8_BOM = '\uFEFF';

export const CSV: SheetFormat = {
  text: csvText,
  num: (value) => value,
  separator: ',',
  newline: '\r\n',
  start: UTF8_BOM,
};

/** For pasting into a sheet: tab-separated, no BOM. */
export const TSV: SheetFormat = {
  text: tsvText,
  num: (value) => value,
  separator: '\t',
  newline: '\n',
  start: '',
};

/** Lines of already-written fields → the file. */
export function toSheet(format: SheetFormat, lines: readonly (readonly string[])[]): string {
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = lines[i]!.join(format.separator);
  return `${format.start}${out.join(format.newline)}${format.newline}`;
}
