import { lazy, type ComponentType } from 'react';

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
  const preload = () => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
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
  return { Component: Preloadable, preload };
}
