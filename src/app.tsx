import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import DemoClockBanner from '@/components/DemoClockBanner'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
    }
  })
  // On H5 Taro renders the app into #app with the pages as children, so the banner sits over them.
  // H5 runs on the local host, whose demo clock may be moved; the banner reads it.
  if (process.env.TARO_ENV !== 'h5') return children
  return (
    <>
      <DemoClockBanner />
      {children}
    </>
  )
}

export default App
