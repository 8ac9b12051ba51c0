// The line protocol every `bench:*` script speaks so `pnpm bench` can print one table:
//   BENCH {"bench":"upstream","metric":"…","value":1.5,"unit":"s","target":"≤ 2","ok":true}
// Anything else a bench prints is for people and is passed through unchanged.

export function reportFigure(figure) {
  process.stdout.write(`BENCH ${JSON.stringify(figure)}\n`);
}

export function parseFigures(text) {
  return text
    .split('\n')
    .filter((line) => line.startsWith('BENCH '))
    .flatMap((line) => {
      try {
        return [JSON.parse(line.slice('BENCH '.length))];
      } catch {
        return [];
      }
    });
}

/** A plain text table: every column as wide as its widest cell. */
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
