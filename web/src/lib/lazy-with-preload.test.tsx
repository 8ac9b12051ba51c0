import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { lazyWithPreload } from './lazy-with-preload';

const Ready = ({ text }: { text: string }) => <p>{text}</p>;

describe('lazyWithPreload', () => {
  it('fetches the module again after a failed preload, and renders it', async () => {
    let calls = 0;
    const view = lazyWithPreload<{ text: string }>(() => {
      calls += 1;
      return calls === 1
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : Promise.resolve({ default: Ready });
    });
    await expect(view.preload()).rejects.toThrow('Failed to fetch');
    renderWithProviders(<view.Component text="results" />);
    expect(await screen.findByText('results')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('fetches a module once when it loads', async () => {
    let calls = 0;
    const view = lazyWithPreload<{ text: string }>(() => {
      calls += 1;
      return Promise.resolve({ default: Ready });
    });
    await view.preload();
    await view.preload();
    renderWithProviders(<view.Component text="once" />);
    expect(screen.getByText('once')).toBeTruthy();
    expect(calls).toBe(1);
  });
});
