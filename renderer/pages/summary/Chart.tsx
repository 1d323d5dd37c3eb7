import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'

// Only the chart kinds the 统计 screen draws, so the rest of ECharts stays out of the bundle.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

export function Chart({ option, height = 260, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      {/* No animation: the desk wants the figures at once, and prints must not catch a half-drawn bar. */}
      <ReactEChartsCore
        echarts={echarts}
        option={{ animation: false, ...option }}
        style={{ height }}
        notMerge
        opts={{ renderer: 'canvas' }}
      />
    </div>
  )
}
