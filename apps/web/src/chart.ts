import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Curve } from './api';
import { wanNumber } from './format';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const charts = new WeakMap<HTMLElement, echarts.ECharts>();

function chartOn(element: HTMLElement): echarts.ECharts {
  let chart = charts.get(element);
  if (!chart || chart.isDisposed()) {
    chart = echarts.init(element, undefined, { renderer: 'canvas' });
    charts.set(element, chart);
    const resize = new ResizeObserver(() => chart!.resize());
    resize.observe(element);
  }
  return chart;
}

const monthOf = (date: string) => Number(date.slice(5, 7)) - 1;
const rate = (value: string | null) => (value === null ? null : Number(value));

/** Cumulative execution progress by month against 序时进度 and the profile's checkpoint targets and alert lines. */
export function renderExecutionChart(element: HTMLElement, curve: Curve, title = '累计执行进度'): void {
  const execution = MONTHS.map((_, i) => rate(curve.points[i]?.executionRate ?? null));
  const elapsed = curve.elapsed.map((e) => Number(e.percent));
  const targets = curve.checkpoints.map((c) => [monthOf(c.date), Number(c.target), c.label]);
  const alertLines = curve.checkpoints.map((c) => [monthOf(c.date), Number(c.alertLine), c.label]);
  // What the chart shows, readable without the canvas (tests, assistive tools).
  element.dataset.execution = JSON.stringify(execution);
  element.dataset.checkpoints = String(curve.checkpoints.length);
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', `${title}：${curve.points.map((p) => `${p.month}月 ${p.executionRate ?? '—'}%`).join('，')}；序时进度与 ${curve.checkpoints.length} 个检查点目标`);
  chartOn(element).setOption(
    {
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14, fontFamily: FONT } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${Number(v).toFixed(2)}%`) },
      legend: { top: 28, data: ['执行进度', '序时进度', '检查点目标', '预警线'], textStyle: { fontFamily: FONT } },
      grid: { left: 48, right: 16, top: 64, bottom: 28 },
      xAxis: { type: 'category', data: MONTHS, boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '执行进度', type: 'line', data: execution, symbolSize: 6, lineStyle: { width: 3 }, itemStyle: { color: '#1769aa' }, connectNulls: false },
        { name: '序时进度', type: 'line', data: elapsed, symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, itemStyle: { color: '#8a8f98' } },
        {
          name: '检查点目标',
          type: 'scatter',
          data: targets,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#2e7d32' },
          label: { show: true, position: 'top', formatter: (p: { value: unknown[] }) => `${p.value[2]} 目标 ${p.value[1]}%`, fontFamily: FONT },
        },
        {
          name: '预警线',
          type: 'scatter',
          data: alertLines,
          symbol: 'triangle',
          symbolSize: 12,
          itemStyle: { color: '#c62828' },
          label: { show: true, position: 'bottom', formatter: (p: { value: unknown[] }) => `预警 ${p.value[1]}%`, fontFamily: FONT },
        },
      ],
    },
    { notMerge: true },
  );
}

/** Budget, arrivals and payments by month (万元). */
export function renderArrivalChart(element: HTMLElement, curve: Curve, title = '预算、到位与支出（万元）'): void {
  const series = (key: 'budgetCurrent' | 'arrived' | 'paid') => MONTHS.map((_, i) => wanNumber(curve.points[i]?.[key]));
  chartOn(element).setOption(
    {
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14, fontFamily: FONT } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`) },
      legend: { top: 28, data: ['调整预算', '资金到位', '支出'], textStyle: { fontFamily: FONT } },
      grid: { left: 64, right: 16, top: 64, bottom: 28 },
      xAxis: { type: 'category', data: MONTHS, boundaryGap: false },
      yAxis: { type: 'value' },
      series: [
        { name: '调整预算', type: 'line', step: 'end', data: series('budgetCurrent'), symbol: 'none', itemStyle: { color: '#6d4c41' } },
        { name: '资金到位', type: 'line', data: series('arrived'), symbolSize: 5, itemStyle: { color: '#ef6c00' } },
        { name: '支出', type: 'line', data: series('paid'), symbolSize: 5, itemStyle: { color: '#1769aa' } },
      ],
    },
    { notMerge: true },
  );
}

/** Execution rate of each unit's subtree (horizontal bars), with the region's rate as a dashed line. */
export function renderRegionChart(element: HTMLElement, units: { name: string; rate: string | null }[], regionRate: string | null, title = '下级单位执行率（含下级）'): void {
  const names = units.map((u) => u.name);
  const values = units.map((u) => rate(u.rate));
  element.dataset.units = JSON.stringify(units.map((u) => [u.name, u.rate]));
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', `${title}：${units.map((u) => `${u.name} ${u.rate ?? '—'}%`).join('，')}；区域合计 ${regionRate ?? '—'}%`);
  chartOn(element).setOption(
    {
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14, fontFamily: FONT } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v == null ? '—' : `${Number(v).toFixed(2)}%`) },
      grid: { left: 8, right: 48, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontFamily: FONT, width: 200, overflow: 'truncate' } },
      series: [
        {
          name: '执行率',
          type: 'bar',
          data: values,
          barMaxWidth: 22,
          itemStyle: { color: '#1769aa' },
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (p.value == null ? '—' : `${Number(p.value).toFixed(2)}%`), fontFamily: FONT },
          markLine: regionRate === null ? undefined : {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#c62828' },
            label: { formatter: `区域 ${regionRate}%`, fontFamily: FONT },
            data: [{ xAxis: Number(regionRate) }],
          },
        },
      ],
    },
    { notMerge: true },
  );
}
