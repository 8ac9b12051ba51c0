import { Button } from '@mantine/core';
import { useState } from 'react';
import {
  lazyWithPreload,
  preloadOnFirstInteraction,
  useLoaded,
} from '../../../lib/lazy-with-preload';
import type { QuickRangesMenuProps } from './quick-ranges-menu-body';

// Mantine's Menu (and the floating-ui interactions it brings) is ~5.6 KB gzip that only a
// click shows: not on the first screen, fetched at the first interaction.
const menu = lazyWithPreload(() => import('./quick-ranges-menu-body'));
preloadOnFirstInteraction(menu.preload);

/** The quick ranges menu; until its code is in, the same button, which opens it once it is. */
export function QuickRangesMenu(props: QuickRangesMenuProps) {
  const loaded = useLoaded(menu);
  const [opened, setOpened] = useState(false);
  const [focused, setFocused] = useState(false);
  if (loaded) return <menu.Component {...props} opened={opened} focused={focused} />;
  return (
    <Button
      variant="default"
      px="xs"
      aria-haspopup="menu"
      aria-expanded={false}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={() => {
        setOpened(true);
        menu.preload().catch(() => undefined);
      }}
    >
      Quick ranges
    </Button>
  );
}
