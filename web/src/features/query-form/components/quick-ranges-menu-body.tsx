import { Button, Menu } from '@mantine/core';
import { formatMonthRange } from '../../../lib/months';
import type { QuickRange } from '../quick-ranges';

export interface QuickRangesMenuProps {
  ranges: readonly QuickRange[];
  onChoose: (range: QuickRange) => void;
}

interface BodyProps extends QuickRangesMenuProps {
  /** Clicked before this code was in: open at once (and keep the focus on the button). */
  opened: boolean;
  focused: boolean;
}

/**
 * Quick ranges next to the Months picker. A menu (arrow keys, Enter, Escape) rather than six
 * buttons: the form's grid column has room for one. Each item says the months it sets. Loaded
 * at the first interaction (quick-ranges-menu.tsx).
 */
export default function QuickRangesMenuBody({ ranges, onChoose, opened, focused }: BodyProps) {
  return (
    <Menu position="bottom-end" withinPortal defaultOpened={opened}>
      <Menu.Target>
        {/* autoFocus: the plain button it replaces had the focus a moment ago. */}
        <Button variant="default" px="xs" autoFocus={focused}>
          Quick ranges
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {ranges.map((range) => (
          <Menu.Item
            key={range.key}
            disabled={!range.available}
            onClick={() => onChoose(range)}
            // The months the item sets, read with its name; a disabled one says why.
            rightSection={formatMonthRange(range.first, range.last)}
            title={range.available ? undefined : 'Outside the months you can choose'}
          >
            {range.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
