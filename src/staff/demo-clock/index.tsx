import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { DEMO_JOB_LABELS, movedByText } from '@/constants/demo-clock-labels'
import { messageFor } from '@/constants/error-messages'
import type { MoveClockInput } from '@/contracts/demo.contract'
import type { ApiError } from '@/contracts/error-codes'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { justAfterTodaysCutoff, nextNewYearMorning } from '@/domain/shared/demo-clock-targets'
import { useDemoClockStore } from '@/stores/demo-clock.store'
import './index.scss'

/** The local host only: the mini-program's CloudBase has no demo function to call. */
const ON_LOCAL_HOST = process.env.TARO_ENV === 'h5'

const fieldsText = (error: ApiError) => Object.values(error.fields ?? {}).join('；')

const toast = (error: ApiError | null, success: string) =>
  Taro.showToast({
    title: error ? fieldsText(error) || messageFor(error) : success,
    icon: error ? 'none' : 'success',
  })

/**
 * 演示时钟 (admin, local host only): the time the host runs by and how far it is moved; moves it
 * forward to try deadlines and timers (cancel until 16:00, points expiry, no-shows, suspensions,
 * reminders, the 1 January star adjustment), lists the jobs a move ran, and returns to real time.
 */
export default function DemoClockPage() {
  const store = useDemoClockStore()
  const { view, error, lastJobs, moving } = store

  useDidShow(() => {
    if (ON_LOCAL_HOST) void store.load()
  })

  if (!ON_LOCAL_HOST) {
    return (
      <View className='page'>
        <View className='panel muted'>演示时钟仅在本地演示环境中可用。</View>
      </View>
    )
  }

  const now = store.nowAt(new Date())
  const cutoff = now ? justAfterTodaysCutoff(now) : null
  const newYear = now ? nextNewYearMorning(now) : null

  const move = async (input: MoveClockInput, done: string) => {
    const failure = await store.move(input)
    await toast(failure, done)
  }
  const reset = async () => {
    const failure = await store.reset()
    await toast(failure, '已恢复真实时间')
  }

  return (
    <View className='page demo-clock'>
      <View className='panel'>
        <View className='panel-title'>
          当前时间
          {view && view.movedByMs > 0 ? (
            <Tag type='warning'>已拨快{movedByText(view.movedByMs)}</Tag>
          ) : (
            <Tag type='success'>真实时间</Tag>
          )}
        </View>
        <View className='demo-clock__now' data-testid='demo-clock-now'>
          {now ? formatShanghaiDateTime(now.toISOString()) : '—'}
        </View>
        <View className='muted'>
          北京时间。本地演示环境的所有功能与定时任务都按此时间运行；拨快后，期间到点的定时任务立即执行一次。
        </View>
        {error ? <View className='error-text'>{messageFor(error)}</View> : null}
      </View>

      <View className='panel'>
        <View className='panel-title'>拨快</View>
        <View className='demo-clock__buttons'>
          <Button disabled={moving} onClick={() => move({ hours: 1 }, '已拨快1小时')}>
            拨快1小时
          </Button>
          <Button disabled={moving} onClick={() => move({ days: 1 }, '已拨快1天')}>
            拨快1天
          </Button>
          <Button disabled={moving} onClick={() => move({ days: 7 }, '已拨快7天')}>
            拨快7天
          </Button>
          <Button disabled={moving} onClick={() => move({ days: 30 }, '已拨快30天')}>
            拨快30天
          </Button>
          <Button
            disabled={moving || !cutoff}
            onClick={() => cutoff && move({ to: cutoff.toISOString() }, '已拨到16:01')}
          >
            到今天16:00之后
          </Button>
          <Button
            disabled={moving || !newYear}
            onClick={() => newYear && move({ to: newYear.toISOString() }, '已拨到1月1日')}
          >
            到明年1月1日
          </Button>
        </View>
        <View className='muted'>
          16:00后会员不能再取消当天活动的报名；1月1日上午完成年度星级评定；积分在获得满12个月后到期。
        </View>
      </View>

      {lastJobs ? (
        <View className='panel' data-testid='demo-clock-jobs'>
          <View className='panel-title'>本次执行的定时任务</View>
          {lastJobs.length === 0 ? <View className='muted'>期间没有到点的定时任务。</View> : null}
          {lastJobs.map((job) => (
            <View className='demo-clock__job' key={job.timer} data-testid='demo-clock-job'>
              {DEMO_JOB_LABELS[job.timer] ?? job.timer}{' '}
              <Tag type={job.ok ? 'success' : 'danger'}>{job.ok ? '完成' : '失败'}</Tag>
            </View>
          ))}
        </View>
      ) : null}

      <View className='panel'>
        <Button
          type='primary'
          block
          disabled={moving || !view || view.movedByMs === 0}
          onClick={reset}
        >
          恢复真实时间
        </Button>
        <View className='muted'>时钟只能拨快或恢复，不能拨回；已执行的定时任务不会撤销。</View>
      </View>
    </View>
  )
}
