import { Input, InputBase, Loader, Popover, type InputBaseProps } from '@mantine/core';
import { RELATIVE_PERIOD_LABELS, resolvePeriod } from '@ace/bff/contract';
import { Suspense, useState, type CSSProperties } from 'react';
import type { FieldPath, FieldValues } from 'react-hook-form';
import type { PeriodDraft } from '../../lib/dashboard-draft';
import { lazyWithPreload } from '../../lib/lazy-with-preload';
import { formatMonthRange } from '../../lib/months';
import { useFormField, type FormFieldProps } from './use-form-field';

/** The calendar (Mantine dates + dayjs, ~25 KB gzip) is not part of the first screen. */
const calendar = lazyWithPreload(() => import('./month-range-calendar'));
const preloadCalendar = () => void calendar.preload().catch(() => undefined);

type FormPeriodRangeProps<T extends FieldValues, N extends FieldPath<T>, Out> = FormFieldProps<
  T,
  N,
  Out,
  Pick<InputBaseProps, 'label' | 'description' | 'error' | 'disabled'> & {
    placeholder?: string;
    style?: CSSProperties;
    /** The months offered, `YYYY-MM-01` (the BFF accepts no others). */
    minDate: string;
    maxDate: string;
    /** The year the calendar opens on when nothing is chosen. */
    defaultDate?: string;
    previousLabel: string;
    nextLabel: string;
  },
  never
> & {
  /** The server's clock: a relative period is shown as the months it means now. */
  now: Date;
};

/** Mantine hands back `YYYY-MM-DD` strings (or Dates when given Dates): keep the month start. */
export function toMonth(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 7) return null;
  return `${value.slice(0, 7)}-01`;
}

/**
 * A month range picker ↔ a period field: a button showing the chosen months that opens Mantine's
 * month calendar in a dialog. The picker holds a `[first, last]` tuple of inclusive month
 * starts; the form holds a period. A relative period shows the months it means now and says
 * that it is relative; picking months makes it these exact months. The dialog closes once the
 * last month is chosen (Escape or a click outside closes it too; focus returns to the button).
 */
const noWrap = {
  input: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
} as const;

export function FormPeriodRange<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  now,
  description,
  ...field
}: FormPeriodRangeProps<T, N, Out>) {
  const { value, onChange, inputProps } = useFormField(field);
  const { minDate, maxDate, defaultDate, previousLabel, nextLabel, placeholder, ...input } =
    inputProps;
  const [opened, setOpened] = useState(false);
  const period = value as PeriodDraft | undefined;
  let range: [string | null, string | null] = [null, null];
  if (period?.kind === 'months') range = [period.first, period.last];
  else if (period) {
    const { first, last } = resolvePeriod(period, now);
    range = [first, last];
  }
  const shown = formatMonthRange(range[0], range[1]);
  const Calendar = calendar.Component;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      trapFocus
      returnFocus
      withinPortal
    >
      <Popover.Target>
        <InputBase
          {...input}
          component="button"
          type="button"
          pointer
          aria-haspopup="dialog"
          aria-expanded={opened}
          onPointerEnter={preloadCalendar}
          onFocus={preloadCalendar}
          onClick={() => setOpened((open) => !open)}
          // One line at any width (a narrow column beside Quick ranges wrapped the months over
          // the field below); cut with an ellipsis, the whole range in the title.
          styles={noWrap}
          title={shown || undefined}
          description={
            period?.kind === 'relative'
              ? `Relative: ${RELATIVE_PERIOD_LABELS[period.period]}`
              : description
          }
        >
          {shown || <Input.Placeholder>{placeholder}</Input.Placeholder>}
        </InputBase>
      </Popover.Target>
      <Popover.Dropdown>
        <Suspense fallback={<Loader size="sm" aria-label="Loading the calendar" />}>
          <Calendar
            value={range}
            onChange={([first, last]) => {
              onChange({ kind: 'months', first: toMonth(first), last: toMonth(last) });
              if (first && last) setOpened(false);
            }}
            minDate={minDate}
            maxDate={maxDate}
            defaultDate={range[0] ?? defaultDate}
            previousLabel={previousLabel}
            nextLabel={nextLabel}
            allowSingleDateInRange
          />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  );
}
