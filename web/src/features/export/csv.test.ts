import { describe, expect, it } from 'vitest';
import { CSV, guardFormula, toSheet, TSV, UTF8_BOM } from './csv';

describe('sheet formats', () => {
  it('CSV: starts with a BOM, ends lines with CRLF and quotes only what needs it', () => {
    const csv = toSheet(CSV, [
      [CSV.text('name'), CSV.text('amount')],
      [CSV.text('a, "b"'), CSV.num('1234.50')],
      [CSV.text('two\nlines'), CSV.text(undefined)],
    ]);
    expect(csv).toBe(`${UTF8_BOM}name,amount\r\n"a, ""b""",1234.50\r\n"two\nlines",\r\n`);
  });

  it('keeps names that look like formulas as text, but not numbers', () => {
    expect(['=SUM(A1)', '+1', '-cmd', '@x', '\tx', 'ok'].map(guardFormula)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-cmd",
      "'@x",
      "'\tx",
      'ok',
    ]);
    expect(toSheet(CSV, [[CSV.text('=HYPERLINK("x")'), CSV.num('-5.00')]])).toBe(
      `${UTF8_BOM}"'=HYPERLINK(""x"")",-5.00\r\n`,
    );
  });

  it('TSV for pasting: tabs and line breaks in cells become spaces, no BOM', () => {
    expect(toSheet(TSV, [[TSV.text('a\tb'), TSV.text('c\r\nd'), TSV.num('1.00')]])).toBe(
      'a b\tc d\t1.00\n',
    );
    expect(TSV.text('=1+1')).toBe("'=1+1");
  });
});
