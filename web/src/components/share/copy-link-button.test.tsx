import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { CopyLinkButton } from './copy-link-button';

const LINK = 'http://localhost/p/AAAAAAAAAAAAAAAAAAAAAA';

/** After rendering: renderWithProviders sets up user-event, which installs its own clipboard. */
function stubClipboard(clipboard: Partial<Clipboard> | undefined) {
  vi.spyOn(window.navigator, 'clipboard', 'get').mockReturnValue(clipboard as Clipboard);
}

describe('CopyLinkButton', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('copies the link and says so on the button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    renderWithProviders(<CopyLinkButton link={LINK} aria-label="Copy link to Q1" />);
    stubClipboard({ writeText });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to Q1' }));
    expect(writeText).toHaveBeenCalledWith(LINK);
    expect(await screen.findByText('✓ Link copied')).toBeTruthy();
    expect(screen.getByText('Link copied to the clipboard')).toBeTruthy();
  });

  it('shows the link in a field to copy by hand when there is no clipboard', async () => {
    renderWithProviders(<CopyLinkButton link={LINK} />);
    stubClipboard(undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    const field = await screen.findByRole('textbox', { name: 'Copy this link' });
    expect(field).toHaveProperty('value', LINK);
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('falls back the same way when the browser refuses to write', async () => {
    renderWithProviders(<CopyLinkButton link={LINK} />);
    stubClipboard({ writeText: () => Promise.reject(new Error('NotAllowedError')) });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByRole('textbox', { name: 'Copy this link' })).toBeTruthy();
  });
});
