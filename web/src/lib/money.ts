// Money is integer cents end to end: sums never touch floats, and only display divides.

/** Adds integer cents exactly; throws rather than silently losing precision. */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) {
    if (!Number.isInteger(value)) throw new TypeError(`not integer cents: ${value}`);
    total += value;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('total exceeds safe integer cents');
  return total;
}

/** Integer cents as an exact decimal string ("-1234.05"), so Intl rounds nothing. */
function centsToDecimal(cents: number): `${number}` {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}` as `${number}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function usdFormatter(locale: string | undefined): Intl.NumberFormat {
  const key = locale ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "$1,234.56" in the browser's locale (or `locale`, for tests). */
export function formatUsd(cents: number, locale?: string): string {
  if (!Number.isInteger(cents)) throw new TypeError(`not integer cents: ${cents}`);
  return usdFormatter(locale).format(centsToDecimal(cents));
}
