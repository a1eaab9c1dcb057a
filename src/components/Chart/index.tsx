import UCharts from '@qiun/ucharts'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { chartOptions, type ChartSpec } from './chart-options'
import './index.scss'

type Props = ChartSpec & {
  /** The canvas id; unique on the page. */
  id: string
  /** CSS pixels. */
  height?: number
}

/** How often to look for a canvas that is not laid out yet, and how long to wait between. */
const MAX_ATTEMPTS = 20
const RETRY_MS = 50

/** The screen's pixel ratio: `getWindowInfo` where the base library has it, else the old call. */
function pixelRatioOf(): number {
  const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : null
  return info?.pixelRatio ?? Taro.getSystemInfoSync().pixelRatio ?? 1
}

/**
 * A bar or line chart drawn by uCharts (@qiun/ucharts) on a canvas 2D, the same code in the
 * mini-program and in H5: the canvas node is found by a selector query once it is laid out,
 * sized in device pixels, and redrawn whenever the data changes. The figures are also in the
 * tables beside each chart, which is what a screen reader reads.
 */
export default function Chart({ id, height = 220, type, categories, series }: Props) {
  const key = JSON.stringify({ type, categories, series })

  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const draw = (attempt: number) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .select(`#${id}`)
        .node()
        .exec((res: [{ width: number; height: number } | null, { node?: unknown } | null]) => {
          if (!current) return
          const [rect, found] = res
          const canvas = found?.node as
            { width: number; height: number; getContext(kind: '2d'): unknown } | undefined
          if (!rect || !canvas || rect.width === 0) {
            // The canvas is not laid out yet (H5 renders it as a web component a moment later).
            if (attempt < MAX_ATTEMPTS) timer = setTimeout(() => draw(attempt + 1), RETRY_MS)
            return
          }
          const pixelRatio = pixelRatioOf()
          canvas.width = rect.width * pixelRatio
          canvas.height = rect.height * pixelRatio
          const spec: ChartSpec = { type, categories, series }
          const options = chartOptions(spec, { width: rect.width, height: rect.height, pixelRatio })
          new UCharts({ ...options, context: canvas.getContext('2d') })
        })
    }
    Taro.nextTick(() => draw(1))
    return () => {
      current = false
      if (timer) clearTimeout(timer)
    }
    // `key` stands for the data: the arrays are new on every render of the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key])

  return (
    <View className='chart' style={{ height: `${height}px` }}>
      <Canvas type='2d' id={id} canvasId={id} className='chart__canvas' />
    </View>
  )
}
