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

/**
 * Integer cents as an exact decimal string ("-1234.05"): what Intl formats (so it rounds
 * nothing) and what exports write (dot decimal, no symbol, no grouping).
 */
export function centsToDecimal(cents: number): `${number}` {
  if (!Number.isInteger(cents)) throw new TypeError(`not integer cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}` as `${number}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function usdFormatter(locale: string | undefined, signed = false): Intl.NumberFormat {
  const key = `${locale ?? ''}|${signed}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "$1,234.56" in the browser's locale (or `locale`, for tests). */
export function formatUsd(cents: number, locale?: string): string {
  if (!Number.isInteger(cents)) throw new TypeError(`not integer cents: ${cents}`);
  return usdFormatter(locale).format(centsToDecimal(cents));
}

/** A change with its sign ("+$12.00", "-$3.50", "$0.00"). */
export function formatUsdChange(cents: number, locale?: string): string {
  if (!Number.isInteger(cents)) throw new TypeError(`not integer cents: ${cents}`);
  return usdFormatter(locale, true).format(centsToDecimal(cents));
}

const percentFormatters = new Map<string, Intl.NumberFormat>();

/** A ratio as a signed percentage with one decimal ("+12.5%", "-100%"). */
export function formatPercentChange(ratio: number, locale?: string): string {
  const key = locale ?? '';
  let formatter = percentFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    percentFormatters.set(key, formatter);
  }
  return formatter.format(ratio);
}

/** A share of a whole ("12.5%"), for tooltips. */
export function formatShare(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    ratio,
  );
}
