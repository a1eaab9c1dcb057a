import Empty from '@/components/Empty'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import EventCard from '@/components/EventCard'
import SignInHint from '@/components/SignInHint'
import { EVENT_KIND_LABELS } from '@/constants/event-labels'
import { messageFor } from '@/constants/error-messages'
import { EVENT_KINDS, type EventKind } from '@/domain/event/event'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { needsSignIn } from '@/hooks/use-session'
import { useEventsStore } from '@/stores/events.store'
import './index.scss'
import PageTabBar from '@/components/PageTabBar'

/** Time and status: a segmented control of its own, apart from the categories. */
const WHEN_OPTIONS = [
  ['upcoming', '即将开始'],
  ['past', '往期活动'],
] as const
/** Categories: underlined text tabs, unlike the filled labels on each event. */
const KIND_OPTIONS: [EventKind | null, string][] = [
  [null, '全部类别'],
  ...EVENT_KINDS.map((kind): [EventKind, string] => [kind, EVENT_KIND_LABELS[kind]]),
]

/**
 * 活动 (tab): club events, upcoming or past (a segmented control, with 我的报名 beside it), by
 * category (underlined tabs); each says whether the member may sign up and,
 * if not, why (仅限俱乐部会员, 需三星及以上); a no-show block is shown with its end date.
 */
function EventsPageContent() {
  const { filter, items, blockedUntil, status, error, load } = useEventsStore()

  useDidShow(() => {
    void load()
  })

  if (needsSignIn(error)) return <SignInHint />

  return (
    <View className='page'>
      <View className='panel events-filter'>
        <View className='events-filter__top'>
          <View className='events-filter__segments' data-testid='when-filter'>
            {WHEN_OPTIONS.map(([when, label]) => (
              <Text
                key={when}
                className={`events-filter__segment${filter.when === when ? ' events-filter__segment--on' : ''}`}
                data-when={when}
                data-active={filter.when === when}
                onClick={() => load({ when })}
              >
                {label}
              </Text>
            ))}
          </View>
          <Text
            className='events-filter__mine'
            onClick={() => Taro.navigateTo({ url: '/member/my-events/index' })}
          >
            我的报名 ›
          </Text>
        </View>
        <ScrollView scrollX className='events-filter__kinds' data-testid='kind-filter'>
          {KIND_OPTIONS.map(([kind, label]) => (
            <Text
              key={kind ?? 'all'}
              className={`events-filter__kind${filter.kind === kind ? ' events-filter__kind--on' : ''}`}
              data-kind={kind ?? 'all'}
              data-active={filter.kind === kind}
              onClick={() => load({ kind })}
            >
              {label}
            </Text>
          ))}
        </ScrollView>
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

/** 活动, with the bottom bar of the signed-in role. */
export default function EventsPage() {
  return (
    <>
      <EventsPageContent />
      <PageTabBar current='pages/events/index' />
    </>
  )
}
