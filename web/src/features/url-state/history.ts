import { useEffect, useState } from 'react';

/** Fired by navigate(): pushState itself tells nobody. */
const NAVIGATE_EVENT = 'ace:navigate';

export interface HistoryLocation {
  pathname: string;
  search: string;
  /** Bumped by every navigation: a page keyed on it starts afresh from the URL. */
  key: number;
}

const read = (key: number): HistoryLocation => ({
  pathname: window.location.pathname,
  search: window.location.search,
  key,
});

/** Opens an in-app path as a new history entry (e.g. a preset's `/p/<id>`). */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * The location as of the last navigation: back, forward or navigate(). The dashboard's own
 * writes (writeViewUrl) are not navigations: the page that wrote them already shows them.
 */
export function useHistoryLocation(): HistoryLocation {
  const [location, setLocation] = useState(() => read(0));
  useEffect(() => {
    const update = () => setLocation((previous) => read(previous.key + 1));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

/** Marks a history entry that holds edited, not yet run controls (see writeViewUrl). */
interface EntryState {
  aceDraft?: boolean;
}

/** Whether the current history entry is a draft this page pushed after a run. */
export function isPushedDraft(): boolean {
  return (window.history.state as EntryState | null)?.aceDraft === true;
}

/**
 * Puts a dashboard state (an encoded query string) in the address bar, as a new entry (`push`)
 * or in place of the current one (`replace`). `draft` marks an entry of edited controls whose
 * results were never shown, so the next run can take its place. Pushing the URL already shown
 * adds nothing: running the same query twice is one step back, not two.
 */
export function writeViewUrl(search: string, mode: 'push' | 'replace', draft = false): void {
  const url = `/?${search}`;
  const entry: EntryState | null = draft ? { aceDraft: true } : null;
  if (mode === 'replace') window.history.replaceState(entry, '', url);
  else if (url !== `${window.location.pathname}${window.location.search}`) {
    window.history.pushState(entry, '', url);
  }
}

/**
 * Puts an in-app path (e.g. a just saved preset's `/p/<id>`) in place of the current entry,
 * without a navigation: the page already shows what it names.
 */
export function replaceAddress(path: string): void {
  window.history.replaceState(null, '', path);
}
