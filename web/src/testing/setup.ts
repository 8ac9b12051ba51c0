// Vitest setup for the 'web' project (happy-dom): what Mantine needs from a browser, plus
// React Testing Library's cleanup (Vitest runs without globals, so it is not automatic).
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView = () => {};

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;

// happy-dom has no layout: give virtualized tables' scrollers a viewport so rows render.
for (const [prop, size] of [
  ['clientHeight', 640],
  ['clientWidth', 1024],
] as const) {
  const original =
    Object.getOwnPropertyDescriptor(window.HTMLElement.prototype, prop) ??
    Object.getOwnPropertyDescriptor(window.Element.prototype, prop);
  Object.defineProperty(window.HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.hasAttribute('data-virtual-scroller')) return size;
      return (original?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}

afterEach(() => {
  cleanup();
  // The dashboard keeps its view in the URL: every test starts from a bare address.
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

export {};
