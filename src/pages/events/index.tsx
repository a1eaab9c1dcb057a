import { Button } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import EventCard from '@/components/EventCard'
import SignInHint from '@/components/SignInHint'
import { EVENT_KIND_LABELS } from '@/constants/event-labels'
import { messageFor } from '@/constants/error-messages'
import { EVENT_KINDS } from '@/domain/event/event'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { needsSignIn } from '@/hooks/use-session'
import { useEventsStore } from '@/stores/events.store'

/**
 * 活动 (tab): club events by kind, upcoming or past; each says whether the member may sign up and,
 * if not, why (仅限俱乐部会员, 需三星及以上); a no-show block is shown with its end date.
 */
export default function EventsPage() {
  const { filter, items, blockedUntil, status, error, load } = useEventsStore()

  useDidShow(() => {
    void load()
  })

  if (needsSignIn(error)) return <SignInHint />

  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>俱乐部活动</View>
        <View style={{ display: 'flex', flexWrap: 'wrap', gap: '8px' }}>
          <Button
            size='small'
            type={filter.kind === null ? 'primary' : 'default'}
            onClick={() => load({ kind: null })}
          >
            全部
          </Button>
          {EVENT_KINDS.map((kind) => (
            <Button
              key={kind}
              size='small'
              type={filter.kind === kind ? 'primary' : 'default'}
              onClick={() => load({ kind })}
            >
              {EVENT_KIND_LABELS[kind]}
            </Button>
          ))}
        </View>
        <View style={{ display: 'flex', gap: '8px', marginTop: '8px' }}>
          <Button
            size='small'
            type={filter.when === 'upcoming' ? 'primary' : 'default'}
            onClick={() => load({ when: 'upcoming' })}
          >
            即将开始
          </Button>
          <Button
            size='small'
            type={filter.when === 'past' ? 'primary' : 'default'}
            onClick={() => load({ when: 'past' })}
          >
            往期活动
          </Button>
          <Button size='small' onClick={() => Taro.navigateTo({ url: '/member/my-events/index' })}>
            我的报名
          </Button>
        </View>
      </View>
      {blockedUntil ? (
        <View className='panel error-text' data-testid='signup-blocked'>
          因12个月内3次报名未到场，{formatShanghaiDateTime(blockedUntil).slice(0, 10)}{' '}
          前不能报名活动。
        </View>
      ) : null}
      {items.length === 0 ? (
        <Empty
          description={status === 'loading' ? '加载中…' : error ? messageFor(error) : '暂无活动'}
        />
      ) : (
        items.map((event) => (
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
