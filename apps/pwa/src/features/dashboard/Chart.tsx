import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';

export interface ChartDatum {
  x: string;
  y: number;
  /** The label drawn on the mark: the same text as the table's cell. */
  label: string;
  group?: string;
}

interface Props {
  /** For tests and styling: `data-chart` on the container. */
  name: string;
  data: ChartDatum[];
  /** y as a share 0–1 (shown as percent), or plain numbers. */
  percent?: boolean;
  /** A horizontal target line, in y's unit. */
  target?: number | null;
  kind?: 'bar' | 'grouped' | 'line';
  height?: number;
}

/**
 * A chart drawn by Observable Plot. The numbers it shows are also in a table beside it (the accessible view),
 * so the drawing itself is hidden from assistive technology; each mark's label is the table's text.
 */
export function Chart({ name, data, percent = false, target = null, kind = 'bar', height = 260 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const width = Math.max(280, container.clientWidth || 600);
    const top = Math.max(percent ? 1 : 0, target ?? 0, ...data.map((d) => d.y)) * 1.12 || 1;
    const y = { domain: [0, top], percent, label: null, grid: true };
    let marks: Plot.Markish[];
    let options: Plot.PlotOptions = {};
    if (kind === 'line') {
      marks = [
        Plot.lineY(data, { x: 'x', y: 'y', stroke: 'group', marker: 'circle' }),
        Plot.text(data, { x: 'x', y: 'y', text: 'label', dy: -9, fontSize: 10, fill: 'group' }),
      ];
      options = { x: { type: 'point', label: null, tickRotate: -40 }, color: { legend: true } };
    } else if (kind === 'grouped') {
      marks = [
        Plot.barY(data, { fx: 'x', x: 'group', y: 'y', fill: 'group' }),
        Plot.text(data, { fx: 'x', x: 'group', y: 'y', text: 'label', dy: -7, fontSize: 10 }),
      ];
      options = { x: { axis: null }, fx: { label: null, padding: 0.1 }, color: { legend: true } };
    } else {
      marks = [Plot.barY(data, { x: 'x', y: 'y', fill: '#0b4f6c' }), Plot.text(data, { x: 'x', y: 'y', text: 'label', dy: -7, fontSize: 11 })];
      options = { x: { label: null, tickRotate: data.length > 4 ? -25 : 0 } };
    }
    if (target !== null) marks.push(Plot.ruleY([target], { stroke: '#b3261e', strokeWidth: 2, strokeDasharray: '6,4' }));
    marks.push(Plot.ruleY([0]));
    const chart = Plot.plot({ width, height, marginBottom: 56, marginLeft: 48, style: { fontSize: '12px' }, ...options, y, marks });
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [data, percent, target, kind, height]);
  return <div ref={ref} className="chart" data-chart={name} aria-hidden="true" />;
}
