import { memo, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CostChartModel } from '../chart-series';
import { stackLayout, type StackLayout } from '../stack-layout';
import { themeColor } from './chart-legend';
import classes from './bar-plot.module.css';

const TOP_PX = 10;
const X_AXIS_PX = 30;
const Y_AXIS_PX = 60;
const TOOLTIP_GAP_PX = 16;

interface BarPlotProps {
  model: CostChartModel;
  /** The whole plot's height, axes included. */
  height: number;
  /** The months whose x-axis label is shown (see axis-interval.ts). */
  tickLabels: ReadonlySet<number>;
  /** Room right of the last bar for its label. */
  rightMargin: number;
  /** A y-axis label from integer cents. */
  formatTick: (cents: number) => string;
  /** What hovering or focusing a month shows. */
  tooltip: (monthIndex: number) => ReactNode;
  /** The plot's accessible name (it is focusable: arrow keys move between months). */
  label: string;
}

/**
 * The cost chart's stacked bars as plain SVG (decision 019: recharts was half of the time from
 * a result's arrival to its first frame). Hovering a month, or focusing the plot and pressing
 * the arrow keys (Home, End; Escape hides), shows every bar of that month in the tooltip, as
 * recharts' accessibility layer did; keyboard moves are announced (aria-live).
 */
export function BarPlot(props: BarPlotProps) {
  const { model, height, tickLabels, rightMargin, formatTick, tooltip, label } = props;
  const plotHeight = height - TOP_PX - X_AXIS_PX;
  const layout = useMemo(
    () =>
      stackLayout(
        model.series.map((s) => s.cents),
        model.labels.length,
        plotHeight,
      ),
    [model, plotHeight],
  );
  const [active, setActive] = useState<{ month: number; byKey: boolean } | undefined>();
  const months = model.labels.length;
  const move = (event: KeyboardEvent) => {
    const at = active?.month ?? months - 1;
    const next =
      event.key === 'ArrowLeft' || event.key === 'ArrowDown'
        ? Math.max(0, at - 1)
        : event.key === 'ArrowRight' || event.key === 'ArrowUp'
          ? Math.min(months - 1, at + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? months - 1
              : undefined;
    if (event.key === 'Escape') {
      setActive(undefined);
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    setActive({ month: next, byKey: true });
  };
  const column = active ? layout.columns[active.month] : undefined;
  const centre = column ? column.slotX + column.slotWidth / 2 : 0;
  return (
    <div
      className={classes.root}
      style={{
        gridTemplateColumns: `${Y_AXIS_PX}px minmax(0, 1fr)`,
        paddingRight: rightMargin,
        height,
      }}
    >
      <YAxis layout={layout} height={height} formatTick={formatTick} />
      <div
        className={classes.plot}
        role="group"
        aria-label={label}
        tabIndex={months > 0 ? 0 : -1}
        onKeyDown={move}
        onFocus={() => setActive((a) => a ?? { month: months - 1, byKey: true })}
        onBlur={() => setActive(undefined)}
        onMouseLeave={() => setActive((a) => (a?.byKey ? a : undefined))}
      >
        <svg width="100%" height={height} overflow="visible" aria-hidden>
          <g transform={`translate(0 ${TOP_PX})`}>
            {column && (
              <rect
                className={classes.cursor}
                x={`${column.slotX}%`}
                width={`${column.slotWidth}%`}
                y={0}
                height={plotHeight}
              />
            )}
            <Bars
              layout={layout}
              model={model}
              plotHeight={plotHeight}
              tickLabels={tickLabels}
              onEnter={setActive}
            />
          </g>
        </svg>
        {column && active && (
          <div
            className={classes.tooltip}
            aria-live={active.byKey ? 'polite' : undefined}
            style={{
              left: `${centre}%`,
              transform:
                centre < 50
                  ? `translateX(${TOOLTIP_GAP_PX}px)`
                  : `translateX(calc(-100% - ${TOOLTIP_GAP_PX}px))`,
            }}
          >
            {tooltip(active.month)}
          </div>
        )}
      </div>
    </div>
  );
}

function YAxis({
  layout,
  height,
  formatTick,
}: {
  layout: StackLayout;
  height: number;
  formatTick: (cents: number) => string;
}) {
  return (
    <svg width={Y_AXIS_PX} height={height} aria-hidden>
      <g transform={`translate(0 ${TOP_PX})`}>
        {layout.ticks.map((tick) => (
          <text
            key={tick.value}
            className={classes.axisText}
            x={Y_AXIS_PX - 8}
            y={tick.y}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {formatTick(tick.value)}
          </text>
        ))}
      </g>
    </svg>
  );
}

interface BarsProps {
  layout: StackLayout;
  model: CostChartModel;
  plotHeight: number;
  tickLabels: ReadonlySet<number>;
  onEnter: (active: { month: number; byKey: boolean }) => void;
}

/** Grid, bars and month labels: drawn once per answer, not again when the pointer moves. */
const Bars = memo(function Bars({ layout, model, plotHeight, tickLabels, onEnter }: BarsProps) {
  const fills = model.series.map((s) => themeColor(s.color));
  return (
    <>
      {layout.ticks.map((tick) => (
        <line key={tick.value} className={classes.grid} x1={0} x2="100%" y1={tick.y} y2={tick.y} />
      ))}
      {layout.columns.map((column, m) => (
        // Each month's slot takes the pointer (its bars too), so hovering anywhere over a month
        // shows it, as recharts' tooltip did.
        <g key={m} onMouseEnter={() => onEnter({ month: m, byKey: false })}>
          <rect
            x={`${column.slotX}%`}
            width={`${column.slotWidth}%`}
            y={0}
            height={plotHeight}
            fill="transparent"
          />
          {column.segments.map((segment) => (
            <rect
              key={segment.series}
              className="chart-bar"
              data-series={model.series[segment.series]?.name}
              x={`${column.x}%`}
              width={`${column.width}%`}
              y={segment.y}
              height={segment.height}
              style={{ fill: fills[segment.series] }}
            />
          ))}
        </g>
      ))}
      {layout.zeroY < plotHeight && layout.zeroY > 0 && (
        <line className={classes.zero} x1={0} x2="100%" y1={layout.zeroY} y2={layout.zeroY} />
      )}
      {layout.columns.map((column, m) => {
        const text = model.labels[m] ?? '';
        return tickLabels.has(m) ? (
          <text
            key={m}
            className={classes.axisText}
            x={`${column.slotX + column.slotWidth / 2}%`}
            y={plotHeight + 18}
            textAnchor="middle"
          >
            {text}
          </text>
        ) : null;
      })}
    </>
  );
});
