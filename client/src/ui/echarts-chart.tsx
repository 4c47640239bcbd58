/**
 * One ECharts chart in a React component: SVG renderer, mounted on the div, resized with the
 * window, disposed on unmount or when the option changes. Only imported by lazy pages (report,
 * console progress), so echarts stays out of the entry bundle; each page registers just the chart
 * types and components it draws with registerChartParts, which keeps the rest tree-shaken.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

type ChartPart = Parameters<typeof echarts.use>[0];

/** Register the echarts parts a page draws with (plus the SVG renderer every chart here uses). */
export function registerChartParts(parts: ChartPart): void {
  echarts.use([SVGRenderer]);
  echarts.use(parts);
}

export function Chart({ option, height, testId }: { option: Record<string, unknown>; height: number; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'svg' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}
