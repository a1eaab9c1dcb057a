import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { movedByText } from '@/constants/demo-clock-labels'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useDemoClockStore } from '@/stores/demo-clock.store'
import './index.scss'

/**
 * A slim bar over every H5 page while the local host's demo clock (演示时钟) is moved, so nobody
 * takes the demo's time for the real one. Nothing when the clock runs on the real time. It reads
 * the clock once when the app starts (the app renders it once, over all pages).
 */
export default function DemoClockBanner() {
  const { view, nowAt } = useDemoClockStore()
  const [deviceNow, setDeviceNow] = useState(() => new Date())
  useEffect(() => {
    void useDemoClockStore.getState().load()
  }, [])
  useEffect(() => {
    const timer = setInterval(() => setDeviceNow(new Date()), 30_000)
    return () => clearInterval(timer)
  }, [])
  const now = nowAt(deviceNow)
  const shown = Boolean(view && view.movedByMs > 0 && now)
  // The banner lies over every page (H5 only): the pages make room for it under it.
  useEffect(() => {
    document.body.classList.toggle('demo-clock-moved', shown)
  }, [shown])
  if (!view || !shown || !now) return null
  return (
    <View className='demo-clock-banner' data-testid='demo-clock-banner'>
      演示时钟：{formatShanghaiDateTime(now.toISOString())}（已拨快{movedByText(view.movedByMs)}）·
      仅本地演示环境
    </View>
  )
}
