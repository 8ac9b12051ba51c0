import { Button, Menu } from '@mantine/core';
import { formatMonthRange } from '../../../lib/months';
import type { QuickRange } from '../quick-ranges';

interface QuickRangesMenuProps {
  ranges: readonly QuickRange[];
  onChoose: (range: QuickRange) => void;
}

/**
 * Quick ranges next to the Months picker. A menu (arrow keys, Enter, Escape) rather than six
 * buttons: the form's grid column has room for one. Each item says the months it sets.
 */
export function QuickRangesMenu({ ranges, onChoose }: QuickRangesMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" px="xs">
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
