import { MonthPicker, type MonthPickerProps } from '@mantine/dates';

/**
 * Mantine's month calendar (with dayjs under it): fetched when the Months picker is first
 * opened, hovered or focused (form-period-range.tsx), not with the first screen.
 */
export default function MonthRangeCalendar(props: MonthPickerProps<'range'>) {
  return <MonthPicker {...props} type="range" />;
}
