import { lazy, useSyncExternalStore, type ComponentType } from 'react';

/**
 * React.lazy that can be preloaded, and that renders at once (without suspending) once its
 * module is in: a plain lazy component suspends on first use even when the module was fetched
 * ahead, and React then throws away and redoes the whole subtree's first render.
 */
export function lazyWithPreload<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const listeners = new Set<() => void>();
  const preload = () => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
        for (const listener of listeners) listener();
        return module;
      },
      (error: unknown) => {
        // A preload that failed (the server restarting while the query runs) is not the last
        // word: the next preload, or the first render, fetches the module again.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(preload);
  function Preloadable(props: P) {
    const Component = loaded ?? Lazy;
    return <Component {...props} />;
  }
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { Component: Preloadable, preload, subscribe, isLoaded: () => loaded !== undefined };
}

/**
 * Whether `view`'s module is in, without asking for it: a component that can show something
 * plain until then (a button, a badge without its tooltip) does not put it on the first screen.
 */
export function useLoaded(view: {
  subscribe: (listener: () => void) => () => void;
  isLoaded: () => boolean;
}) {
  return useSyncExternalStore(view.subscribe, view.isLoaded, view.isLoaded);
}

const INTERACTIONS = ['pointermove', 'pointerdown', 'keydown'] as const;
let waiting: (() => unknown)[] | undefined = [];

function interacted() {
  for (const type of INTERACTIONS) removeEventListener(type, interacted, true);
  const preloads = waiting ?? [];
  waiting = undefined;
  // After what the interaction itself does (a picker opening): running the modules, and the
  // re-renders they allow, would otherwise slow that down (picker open +20 ms measured).
  whenIdle(() => {
    for (const preload of preloads) void Promise.resolve(preload()).catch(() => undefined);
  });
}

function whenIdle(run: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 100);
}

/**
 * Preloads `preload` once the person first does anything on the page (moves the pointer,
 * touches, presses a key), or at once if they already have. For what only a click can show
 * (the presets list, a dialog, a menu): not part of the first screen's JavaScript, yet in
 * before that click, so nobody waits on it. A failed preload is retried where it renders.
 */
export function preloadOnFirstInteraction(preload: () => Promise<unknown>): void {
  if (typeof window === 'undefined') return;
  if (!waiting) {
    preload().catch(() => undefined);
    return;
  }
  if (waiting.length === 0) {
    for (const type of INTERACTIONS)
      addEventListener(type, interacted, { capture: true, passive: true });
  }
  waiting.push(preload);
}
