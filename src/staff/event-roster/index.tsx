import { Button, Tabs, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import {
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  EVENT_STATUS_LABELS,
  SIGNUP_STATUS_LABELS,
} from '@/constants/event-labels'
import { messageFor } from '@/constants/error-messages'
import { starText } from '@/constants/labels'
import type { ApiError } from '@/contracts/error-codes'
import type { CsvExport } from '@/contracts/events.contract'
import { formatCardNumber } from '@/domain/card/card-number'
import type { EventStatus } from '@/domain/event/event'
import type { SignupStatus } from '@/domain/event/signup'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useEventsAdminStore } from '@/stores/events-admin.store'
import { CSV_MIME, deliverTextFile } from '@/platform/deliver-file'
import './index.scss'

const ALL = 'all'
const FILTERS: { status: SignupStatus | null; label: string }[] = [
  { status: null, label: '全部' },
  { status: 'confirmed', label: SIGNUP_STATUS_LABELS.confirmed },
  { status: 'waitlisted', label: SIGNUP_STATUS_LABELS.waitlisted },
  { status: 'applied', label: SIGNUP_STATUS_LABELS.applied },
  { status: 'rejected', label: SIGNUP_STATUS_LABELS.rejected },
  { status: 'cancelled', label: SIGNUP_STATUS_LABELS.cancelled },
]

const STATUS_TAG: Record<SignupStatus, 'success' | 'warning' | 'primary' | 'default'> = {
  confirmed: 'success',
  waitlisted: 'warning',
  applied: 'primary',
  rejected: 'default',
  cancelled: 'default',
}

const EVENT_STATUS_TAG: Record<EventStatus, 'warning' | 'success' | 'default'> = {
  draft: 'warning',
  published: 'success',
  cancelled: 'default',
}

const toast = (failure: ApiError | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure) : success,
    icon: failure ? 'none' : 'success',
  })

/** Hands the attendance export to the staff member (see `deliverTextFile`). */
const deliverCsv = (file: CsvExport) =>
  deliverTextFile(
    { text: file.csv, filename: file.filename, mime: CSV_MIME },
    {
      title: '名单已复制',
      content: `${file.rows} 条报名记录（CSV，手机号已脱敏）已复制到剪贴板，可粘贴到电脑表格中保存。`,
    },
    `已导出 ${file.rows} 条`,
  )

/**
 * 报名名单 (staff): an event's sign-ups in arrival order with the live counts, each member's star
 * and attendance of the past 12 months; selection (入选, 结束遴选) for selection-mode events, and
 * the attendance export (导出名单).
 */
export default function EventRosterPage() {
  const eventId = useRouter().params.id ?? ''
  const store = useEventsAdminStore()
  const { roster, rosterEventId, rosterFilter, rosterStatus, rosterError, selectingId } = store
  const shown = roster && roster.event.id === eventId ? roster : null

  useDidShow(() => {
    if (!eventId) return
    const keep = useEventsAdminStore.getState().rosterEventId === eventId
    void store.loadRoster(eventId, keep ? useEventsAdminStore.getState().rosterFilter : null)
  })

  if (!eventId) return <View className='page muted'>缺少活动编号</View>

  const filter = rosterEventId === eventId ? rosterFilter : null

  const onSelect = async (memberId: string, name: string) =>
    toast(await store.select(memberId), `${name} 已入选`)

  const onCloseSelection = async () => {
    const answer = await Taro.showModal({
      title: '结束遴选',
      content: '结束后，未入选的申请人都将收到“未入选”通知，且不能再入选。确定结束吗？',
    })
    if (!answer.confirm) return
    const outcome = await store.closeSelection()
    await Taro.showToast({
      title:
        'error' in outcome ? messageFor(outcome.error) : `已结束，${outcome.rejected} 人未入选`,
      icon: 'none',
    })
  }

  const onExport = async () => {
    const outcome = await store.exportAttendance()
    if ('error' in outcome) return toast(outcome.error, '')
    return deliverCsv(outcome.file)
  }

  const event = shown?.event
  const selecting = event?.mode === 'selection' && event.status !== 'cancelled'

  return (
    <View className='page event-roster'>
      {event && shown ? (
        <View className='panel'>
          <View className='panel-title'>
            {event.title}
            <Tag type={EVENT_STATUS_TAG[event.status]}>{EVENT_STATUS_LABELS[event.status]}</Tag>
          </View>
          <View className='muted'>
            {EVENT_KIND_LABELS[event.kind]} · {EVENT_MODE_LABELS[event.mode]} ·{' '}
            {formatShanghaiDateTime(event.startAt)} 开始 · {event.place}
          </View>
          <View className='event-roster__counts' data-testid='roster-counts'>
            {[
              ['已确认', `${shown.counts.confirmed}/${event.capacity}`],
              ['候补', String(shown.counts.waitlisted)],
              ['待遴选', String(shown.counts.applied)],
              ['已签到', String(shown.counts.checkedIn)],
            ].map(([title, value]) => (
              <View className='event-roster__count' key={title}>
                <View className='event-roster__count-value'>{value}</View>
                <View className='muted'>{title}</View>
              </View>
            ))}
          </View>
          <View className='event-roster__actions'>
            <Button size='small' loading={store.exporting} onClick={() => void onExport()}>
              导出名单
            </Button>
            {selecting ? (
              <Button
                size='small'
                type='danger'
                loading={store.closingSelection}
                disabled={shown.counts.applied === 0}
                onClick={() => void onCloseSelection()}
              >
                结束遴选
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className='event-roster__filters' data-testid='roster-filter'>
        <Tabs
          value={filter ?? ALL}
          onChange={(value) =>
            void store.loadRoster(eventId, value === ALL ? null : (value as SignupStatus))
          }
        >
          {FILTERS.map(({ status, label }) => (
            <Tabs.TabPane key={label} title={label} value={status ?? ALL} />
          ))}
        </Tabs>
      </View>

      {rosterError ? <View className='error-text'>{messageFor(rosterError)}</View> : null}
      {rosterStatus === 'loading' && !shown ? <View className='muted'>加载中…</View> : null}
      {shown && shown.items.length === 0 ? <Empty description='暂无报名' /> : null}
      {shown ? (
        <View className='panel' data-testid='roster'>
          {shown.items.map((entry) => (
            <View
              className='event-roster__entry'
              key={entry.memberId}
              data-testid='roster-entry'
              data-status={entry.status}
              data-name={entry.realName}
            >
              <View className='event-roster__entry-head'>
                <View className='event-roster__name'>
                  <Text className='event-roster__seq'>#{entry.seq}</Text>
                  {entry.realName}
                  <Tag type={STATUS_TAG[entry.status]}>{SIGNUP_STATUS_LABELS[entry.status]}</Tag>
                </View>
                {selecting && entry.status === 'applied' ? (
                  <Button
                    size='small'
                    type='primary'
                    loading={selectingId === entry.memberId}
                    disabled={selectingId !== null}
                    onClick={() => void onSelect(entry.memberId, entry.realName)}
                  >
                    入选
                  </Button>
                ) : null}
              </View>
              <View className='muted'>
                {entry.mobileMasked}
                {entry.cardNo ? ` · ${formatCardNumber(entry.cardNo)}` : ''} ·{' '}
                {starText(entry.star)}
              </View>
              {entry.checkedInAt ? (
                <View className='event-roster__checked' data-testid='roster-checked-in'>
                  已签到 {formatShanghaiDateTime(entry.checkedInAt)}
                </View>
              ) : entry.noShow ? (
                <View className='error-text'>未到场</View>
              ) : null}
              <View className='muted'>
                近12个月：参加 {entry.attended} 次 · 未到场 {entry.noShows} 次
              </View>
            </View>
          ))}
          {shown.items.length < shown.total ? (
            <Button
              block
              size='small'
              loading={store.loadingMoreRoster}
              onClick={() => void store.loadMoreRoster()}
            >
              加载更多（{shown.items.length}/{shown.total}）
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
