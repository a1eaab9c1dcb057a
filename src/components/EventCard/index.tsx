import { Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { EVENT_KIND_LABELS, SIGNUP_STATUS_LABELS } from '@/constants/event-labels'
import type { MemberEventView } from '@/contracts/events.contract'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import './index.scss'

/** One event in a list: kind, title, time, place, places left, and the member's standing with it. */
export default function EventCard(props: { event: MemberEventView; onTap(): void }) {
  const { event } = props
  const mine = event.mine && event.mine.status !== 'cancelled' ? event.mine : null
  return (
    <View
      className='event-card'
      data-testid='event-card'
      data-title={event.title}
      onClick={props.onTap}
    >
      <View className='event-card__head'>
        <Tag type='primary'>{EVENT_KIND_LABELS[event.kind]}</Tag>
        {event.title}
        {event.clubOnly ? <Tag type='warning'>俱乐部专属</Tag> : null}
      </View>
      <View className='event-card__line'>
        {formatShanghaiDateTime(event.startAt)} · {event.place}
      </View>
      <View className='event-card__line'>
        {event.status === 'cancelled'
          ? '活动已取消'
          : event.mode === 'selection'
            ? `遴选 ${event.capacity} 人`
            : `剩余名额 ${event.remaining} / ${event.capacity}`}
        {event.attendancePoints > 0 ? ` · 签到得 ${event.attendancePoints} 积分` : ''}
      </View>
      {mine ? (
        <View className='event-card__line'>
          <Tag type={mine.status === 'confirmed' ? 'success' : 'default'}>
            {mine.checkedInAt ? '已签到' : SIGNUP_STATUS_LABELS[mine.status]}
            {mine.position ? ` 第${mine.position}位` : ''}
          </Tag>
        </View>
      ) : !event.eligibility.ok && event.status !== 'cancelled' ? (
        <View className='event-card__reason' data-testid='event-ineligible'>
          {event.eligibility.message}
        </View>
      ) : null}
    </View>
  )
}
