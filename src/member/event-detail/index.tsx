import { Button, Checkbox, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  SIGNUP_STATUS_LABELS,
} from '@/constants/event-labels'
import { messageFor } from '@/constants/error-messages'
import { starText } from '@/constants/labels'
import type { ApiError } from '@/contracts/error-codes'
import type { MySignupView } from '@/contracts/events.contract'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useSubscribe } from '@/hooks/use-subscribe'
import { useEventsStore } from '@/stores/events.store'

/** The member's sign-up in words: confirmed, waitlist place, awaiting selection, checked in … */
function standing(mine: MySignupView): string {
  if (mine.checkedInAt) return `已签到（${formatShanghaiDateTime(mine.checkedInAt)}）`
  if (mine.noShow) return '已确认，但未到场'
  if (mine.status === 'waitlisted') return `候补第 ${mine.position} 位，有人取消时自动递补`
  if (mine.status === 'applied') return '已申请，等待工作人员遴选'
  return SIGNUP_STATUS_LABELS[mine.status]
}

/** Messages the server words with details (the star needed, a date): shown as it sent them. */
const DETAILED: readonly string[] = ['EVENT.STAR_TOO_LOW', 'EVENT.SIGNUP_NOT_OPEN', 'EVENT.BLOCKED']
const say = (error: ApiError) => (DETAILED.includes(error.code) ? error.message : messageFor(error))

/**
 * 活动详情: everything about the event, the member's sign-up, the acknowledgement to accept when
 * the event has one, sign up, and cancel until 16:00 on the event day (then the button says why not).
 */
export default function EventDetailPage() {
  const eventId = useRouter().params.id ?? ''
  const { detail: event, detailError, busy, queued, loadDetail, signUp, cancel } = useEventsStore()
  const [acknowledged, setAcknowledged] = useState(false)
  const [ackError, setAckError] = useState('')
  const subscribe = useSubscribe(['eventResult', 'eventReminder'])

  useDidShow(() => {
    if (eventId) void loadDetail(eventId)
  })

  if (!event || event.id !== eventId) {
    return <View className='page muted'>{detailError ? messageFor(detailError) : '加载中…'}</View>
  }

  const mine = event.mine && event.mine.status !== 'cancelled' ? event.mine : null
  const active = mine && mine.status !== 'rejected'

  const onSignUp = async () => {
    const accepted = await subscribe.ask()
    const failure = await signUp(acknowledged)
    if (!failure) void subscribe.report(accepted)
    setAckError(failure?.fields?.acknowledged ?? '')
    if (failure?.fields?.acknowledged) return
    await Taro.showToast({
      title: failure ? say(failure) : '报名成功',
      icon: failure ? 'none' : 'success',
    })
  }

  const onCancel = async () => {
    const answer = await Taro.showModal({ title: '取消报名', content: '确定取消本次活动报名吗？' })
    if (!answer.confirm) return
    const failure = await cancel()
    await Taro.showToast({
      title: failure ? say(failure) : '已取消报名',
      icon: failure ? 'none' : 'success',
    })
  }

  return (
    <View className='page'>
      <View className='panel' data-testid='event-detail'>
        <View className='panel-title'>
          <Tag type='primary'>{EVENT_KIND_LABELS[event.kind]}</Tag>
          {event.title}
          {event.status === 'cancelled' ? <Tag type='danger'>已取消</Tag> : null}
        </View>
        {event.cancelReason ? (
          <View className='error-text'>取消原因：{event.cancelReason}</View>
        ) : null}
        <View>{event.description}</View>
        <View className='muted' style={{ marginTop: '12px' }}>
          时间：{formatShanghaiDateTime(event.startAt)} – {formatShanghaiDateTime(event.endAt)}
        </View>
        <View className='muted'>地点：{event.place}</View>
        <View className='muted'>联系人：{event.contact}</View>
        <View className='muted'>
          报名：{formatShanghaiDateTime(event.signupOpensAt)} –{' '}
          {formatShanghaiDateTime(event.signupClosesAt)}（{EVENT_MODE_LABELS[event.mode]}）
        </View>
        <View className='muted'>
          名额：{event.capacity}
          {event.mode === 'fcfs' ? `，剩余 ${event.remaining}` : ''}
          {event.attendancePoints > 0 ? ` · 签到得 ${event.attendancePoints} 积分` : ''}
        </View>
        <View className='muted'>
          参加条件：{event.clubOnly ? '俱乐部会员' : '全体会员'}
          {event.minStar ? `，${starText(event.minStar)} 及以上` : ''}
        </View>
      </View>

      <View className='panel' data-testid='my-signup'>
        <View className='panel-title'>我的报名</View>
        {mine ? (
          <View data-testid='signup-status'>{standing(mine)}</View>
        ) : event.eligibility.ok ? (
          <View className='muted'>尚未报名</View>
        ) : (
          <View className='error-text' data-testid='event-ineligible'>
            {event.eligibility.message}
          </View>
        )}

        {!active && event.eligibility.ok ? (
          <View>
            {event.acknowledgement ? (
              <View data-field='acknowledged' style={{ margin: '16px 0' }}>
                <View className='muted'>{event.acknowledgement}</View>
                <Checkbox
                  checked={acknowledged}
                  onChange={(checked) => setAcknowledged(checked)}
                  label='我已阅读并同意活动须知'
                />
                {ackError ? <View className='error-text'>{ackError}</View> : null}
              </View>
            ) : null}
            <Button type='primary' block loading={busy} onClick={onSignUp}>
              {queued
                ? '排队中，请稍候…'
                : event.mode === 'selection'
                  ? '申请参加'
                  : event.remaining > 0
                    ? '立即报名'
                    : '报名候补'}
            </Button>
          </View>
        ) : null}

        {active && !mine.checkedInAt ? (
          mine.cancellable ? (
            <View style={{ marginTop: '16px' }}>
              <View className='muted'>
                可在 {formatShanghaiDateTime(mine.cancelDeadline)} 前取消
              </View>
              <Button block loading={busy} onClick={onCancel}>
                取消报名
              </Button>
            </View>
          ) : (
            <View className='muted' style={{ marginTop: '16px' }} data-testid='cancel-closed'>
              活动当天16:00后不能取消报名
            </View>
          )
        ) : null}
      </View>
    </View>
  )
}
