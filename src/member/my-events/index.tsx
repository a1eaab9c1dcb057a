import Empty from '@/components/Empty'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import EventCard from '@/components/EventCard'
import { useEventsStore } from '@/stores/events.store'

/** 我的报名: every event the member signed up for, newest first, with the sign-up's status. */
export default function MyEventsPage() {
  const { mine, mineStatus, loadMine } = useEventsStore()

  useDidShow(() => {
    void loadMine()
  })

  return (
    <View className='page' data-testid='my-events'>
      {mine.length === 0 ? (
        <Empty description={mineStatus === 'loading' ? '加载中…' : '还没有报名活动'} />
      ) : (
        mine.map((event) => (
          <EventCard
            key={event.id}
            event={event}
            onTap={() => Taro.navigateTo({ url: `/member/event-detail/index?id=${event.id}` })}
          />
        ))
      )}
    </View>
  )
}
