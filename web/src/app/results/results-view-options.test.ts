import { describe, expect, it } from 'vitest';
import { DEFAULT_RESULTS_VIEW } from '../../features/results/results-view';
import {
  applyResultsChange,
  checkViewOptions,
  toResultsView,
  withDrill,
  withDrillPath,
} from './results-view-options';

const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const drill = [{ dimension: 'projects' as const, id: P1 }];

describe('the results view in links and presets', () => {
  it('keeps what the results can show', () => {
    const view = { chartTopN: 30, perDay: true, sort: { column: 'm2', desc: false } };
    expect(checkViewOptions(view)).toEqual({ view, ignored: [] });
  });

  it('leaves out a chart size that is no choice and a sort by no column, and says so', () => {
    const { view, ignored } = checkViewOptions({
      chartTopN: 7,
      sort: { column: 'usageAmount', desc: true },
      filterText: 'shop',
    });
    expect(view).toEqual({ filterText: 'shop' });
    expect(ignored.map((i) => i.param)).toEqual(['top', 'sort']);
    expect(ignored[0]?.reason).toMatch(/5, 10, 19, 30, 50/);
  });

  it('shows absent options as the defaults', () => {
    expect(toResultsView({})).toEqual(DEFAULT_RESULTS_VIEW);
    expect(toResultsView({ sort: { column: 'total', desc: true }, tab: 'rows' })).toEqual({
      ...DEFAULT_RESULTS_VIEW,
      sort: { id: 'total', desc: true },
      tab: 'rows',
    });
  });

  it('stores a change without the defaults, so links stay short', () => {
    const view = applyResultsChange({ chartTopN: 5, drill }, { chartTopN: 19, perDay: true });
    expect(view).toEqual({ perDay: true, drill });
    expect(applyResultsChange(view, { perDay: false, filterText: '', sort: null })).toEqual({
      drill,
    });
  });

  it('drops the level’s filter and sort when the user moves along the drill-down', () => {
    const view = { chartTopN: 5, sort: { column: 'total', desc: true }, filterText: 'x' };
    expect(withDrill(view, drill)).toEqual({ chartTopN: 5, drill });
    expect(withDrill({ ...view, drill }, [])).toEqual({ chartTopN: 5 });
    expect(withDrillPath(view, drill)).toEqual({ ...view, drill });
  });
});
