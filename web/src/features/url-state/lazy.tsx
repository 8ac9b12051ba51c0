import { Suspense } from 'react';
import { lazyWithPreload } from '../../lib/lazy-with-preload';
import type { IgnoredParam } from './url-state';

const notice = lazyWithPreload<{ ignored: readonly IgnoredParam[] }>(() =>
  import('./components/ignored-params-notice').then((module) => ({
    default: module.IgnoredParamsNotice,
  })),
);

/** Only a link with parts the page cannot use needs the notice's code. */
export function IgnoredParamsNotice({ ignored }: { ignored: readonly IgnoredParam[] }) {
  if (ignored.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <notice.Component ignored={ignored} />
    </Suspense>
  );
}
