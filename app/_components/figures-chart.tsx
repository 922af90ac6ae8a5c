'use client';
/** Bar chart of the figures by force (only loaded on /figures). The table above carries the same data accessibly. */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';

export interface ChartRow {
  force: string;
  [series: string]: string | number;
}

const COLORS = ['blue.7', 'teal.7', 'grape.7', 'orange.7', 'red.7'];

export function FiguresChart({ data, series, label }: { data: ChartRow[]; series: string[]; label: string }) {
  return (
    <div role="img" aria-label={label} data-testid="figures-chart">
      <BarChart
        h={Math.max(260, data.length * 70 + 80)}
        data={data}
        dataKey="force"
        orientation="vertical"
        series={series.map((name, i) => ({ name, color: COLORS[i % COLORS.length]! }))}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ width: 120 }}
        gridAxis="x"
        barChartProps={{ accessibilityLayer: false }}
        tooltipAnimationDuration={0}
      />
    </div>
  );
}
