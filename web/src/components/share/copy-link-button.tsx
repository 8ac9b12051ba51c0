import { Button, Popover, TextInput, VisuallyHidden, type ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';

interface CopyLinkButtonProps {
  link: string;
  /** Visible text; `aria-label` may name what is linked ("Copy link to Q1 costs"). */
  label?: string;
  'aria-label'?: string;
  size?: ButtonProps['size'];
}

type CopyState = 'idle' | 'copied' | 'manual';

/** How long "Link copied" stays on the button. */
const CONFIRM_MS = 4000;

/**
 * Copies a link to the clipboard and says so on the button. Where the clipboard is not
 * available (an insecure origin, a refused permission) it shows the link in a field to copy
 * by hand instead of failing silently.
 */
export function CopyLinkButton({ link, label = 'Copy link', size, ...rest }: CopyLinkButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      // Feature-checked: older browsers and insecure origins have no navigator.clipboard.
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <>
      <Popover
        opened={state === 'manual'}
        onDismiss={() => setState('idle')}
        position="bottom-end"
        width={360}
        trapFocus
        withArrow
        shadow="md"
      >
        <Popover.Target>
          <Button
            size={size}
            variant="default"
            onClick={() => void copy()}
            aria-label={rest['aria-label']}
          >
            {state === 'copied' ? '✓ Link copied' : label}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <TextInput
            label="Copy this link"
            description="The clipboard is not available here: select the link and copy it."
            value={link}
            readOnly
            data-autofocus
            onFocus={(event) => event.currentTarget.select()}
          />
        </Popover.Dropdown>
      </Popover>
      <VisuallyHidden aria-live="polite">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </VisuallyHidden>
    </>
  );
}
