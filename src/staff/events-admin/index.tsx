import { Button, Switch, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { EVENT_KIND_LABELS, EVENT_MODE_LABELS, EVENT_STATUS_LABELS } from '@/constants/event-labels'
import type { ApiError } from '@/contracts/error-codes'
import { EVENT_KINDS, EVENT_MODES, type EventStatus } from '@/domain/event/event'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { STAR_VALUES } from '@/domain/star/star'
import {
  emptyEventForm,
  formOf,
  useEventsAdminStore,
  type AdminEvent,
  type EventForm,
} from '@/stores/events-admin.store'
import './index.scss'

const STATUS_TAG: Record<EventStatus, 'warning' | 'success' | 'default'> = {
  draft: 'warning',
  published: 'success',
  cancelled: 'default',
}

const TIME_FIELDS: {
  name: 'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt'
  label: string
}[] = [
  { name: 'startAt', label: '开始时间' },
  { name: 'endAt', label: '结束时间' },
  { name: 'signupOpensAt', label: '报名开始时间' },
  { name: 'signupClosesAt', label: '报名截止时间' },
]

const toast = (failure: ApiError | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure) : success,
    icon: failure ? 'none' : 'success',
  })

// The admin's phone clock only hides the 编辑 button; the function decides with its own clock.
const notStarted = (event: AdminEvent) => Date.parse(event.startAt) > Date.now()

/**
 * 活动管理 (admin): every event, drafts and cancelled ones included; create or edit an event with
 * every SPEC §7 field, publish it, cancel it with a reason, and open its sign-up list.
 */
export default function EventsAdminPage() {
  const store = useEventsAdminStore()
  const { events, eventsTotal, status, error, saving, fieldErrors, busyId } = store
  const [form, setForm] = useState<EventForm | null>(null)
  const [notice, setNotice] = useState('')
  const [cancelling, setCancelling] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  useDidShow(() => {
    void store.load()
  })

  const open = (next: EventForm) => {
    store.clearFieldErrors()
    setNotice('')
    setForm(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }
  const close = () => {
    store.clearFieldErrors()
    setNotice('')
    setForm(null)
  }
  const edit = (patch: Partial<EventForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f))
    store.clearFieldErrors(Object.keys(patch))
  }

  const onSave = async () => {
    if (!form) return
    const failure = await store.save(form)
    if (!failure) {
      close()
      await toast(null, '已保存')
      return
    }
    if (failure.code === 'SYS.CONFLICT' || failure.code === 'EVENT.NOT_FOUND') {
      // The list was reloaded: start again from what is saved now rather than overwrite it.
      const fresh = useEventsAdminStore.getState().events.find((e) => e.id === form.id)
      setForm(fresh ? formOf(fresh) : null)
      setNotice(
        fresh
          ? '该活动刚被他人修改，已载入最新内容，请核对后重新保存'
          : '该活动已不存在，列表已刷新',
      )
      return
    }
    if (!failure.fields) await toast(failure, '')
  }

  const onPublish = async (eventId: string) => toast(await store.publish(eventId), '已发布')

  const startCancel = (eventId: string) => {
    setCancelling(eventId)
    setReason('')
    setReasonError('')
  }

  const onCancel = async (eventId: string) => {
    const failure = await store.cancel(eventId, reason)
    if (failure?.fields?.reason) return setReasonError(failure.fields.reason)
    setCancelling(null)
    return toast(failure, '活动已取消')
  }

  const toRoster = (eventId: string) =>
    Taro.navigateTo({ url: `/staff/event-roster/index?id=${encodeURIComponent(eventId)}` })

  const otherErrors = [fieldErrors._, fieldErrors.id, fieldErrors.version]
    .filter(Boolean)
    .join('；')

  return (
    <View className='page events-admin'>
      {form ? (
        <View className='panel' data-testid='event-form'>
          <View className='panel-title'>{form.id ? '编辑活动' : '新建活动'}</View>
          {notice ? (
            <View className='error-text events-admin__notice' data-testid='save-notice'>
              {notice}
            </View>
          ) : null}
          <FormField name='kind' label='活动类型' required error={fieldErrors.kind}>
            <View className='events-admin__choices'>
              {EVENT_KINDS.map((kind) => (
                <Button
                  key={kind}
                  size='small'
                  type={form.kind === kind ? 'primary' : 'default'}
                  onClick={() => edit({ kind })}
                >
                  {EVENT_KIND_LABELS[kind]}
                </Button>
              ))}
            </View>
          </FormField>
          <TextField
            name='title'
            label='活动名称'
            required
            error={fieldErrors.title}
            maxlength={40}
            placeholder='2–40个字，如 新品品鉴会'
            value={form.title}
            onChange={(title) => edit({ title })}
          />
          <FormField name='description' label='活动介绍' required error={fieldErrors.description}>
            <Textarea
              className='field-input events-admin__textarea'
              name='description'
              maxlength={2000}
              placeholder='活动内容、流程、注意事项等（2–2000字）'
              value={form.description}
              onInput={(e) => edit({ description: e.detail.value })}
            />
          </FormField>
          <TextField
            name='coverImage'
            label='封面图片地址（选填）'
            error={fieldErrors.coverImage}
            maxlength={500}
            placeholder='https://…'
            value={form.coverImage}
            onChange={(coverImage) => edit({ coverImage })}
          />
          <TextField
            name='place'
            label='活动地点'
            required
            error={fieldErrors.place}
            maxlength={100}
            placeholder='如 南京市鼓楼区××路×号 展厅'
            value={form.place}
            onChange={(place) => edit({ place })}
          />
          <TextField
            name='contact'
            label='联系人'
            required
            error={fieldErrors.contact}
            maxlength={50}
            placeholder='姓名及电话'
            value={form.contact}
            onChange={(contact) => edit({ contact })}
          />
          {TIME_FIELDS.map(({ name, label }) => (
            <TextField
              key={name}
              name={name}
              label={`${label}（北京时间）`}
              required
              error={fieldErrors[name]}
              maxlength={16}
              placeholder='如 2026-12-01 19:30'
              value={form[name]}
              onChange={(value) => edit({ [name]: value })}
            />
          ))}
          <TextField
            name='capacity'
            label='名额'
            required
            error={fieldErrors.capacity}
            type='number'
            maxlength={5}
            placeholder='1–10000'
            value={form.capacity}
            onChange={(capacity) => edit({ capacity })}
          />
          <TextField
            name='attendancePoints'
            label='签到积分'
            required
            error={fieldErrors.attendancePoints}
            type='number'
            maxlength={6}
            placeholder='签到后获得的积分，不加分填 0'
            value={form.attendancePoints}
            onChange={(attendancePoints) => edit({ attendancePoints })}
          />
          <FormField name='clubOnly' label='报名资格' error={fieldErrors.clubOnly}>
            <View className='events-admin__switch'>
              <Switch checked={form.clubOnly} onChange={(clubOnly) => edit({ clubOnly })} />
              <Text>{form.clubOnly ? '仅限俱乐部会员' : '所有会员'}</Text>
            </View>
          </FormField>
          <FormField name='minStar' label='最低星级' error={fieldErrors.minStar}>
            <View className='events-admin__choices'>
              <Button
                size='small'
                type={form.minStar === null ? 'primary' : 'default'}
                onClick={() => edit({ minStar: null })}
              >
                不限
              </Button>
              {STAR_VALUES.map((star) => (
                <Button
                  key={star}
                  size='small'
                  type={form.minStar === star ? 'primary' : 'default'}
                  onClick={() => edit({ minStar: star })}
                >
                  {star}星及以上
                </Button>
              ))}
            </View>
          </FormField>
          <FormField name='mode' label='报名方式' required error={fieldErrors.mode}>
            <View className='events-admin__choices'>
              {EVENT_MODES.map((mode) => (
                <Button
                  key={mode}
                  size='small'
                  type={form.mode === mode ? 'primary' : 'default'}
                  onClick={() => edit({ mode })}
                >
                  {EVENT_MODE_LABELS[mode]}
                </Button>
              ))}
            </View>
            <View className='muted events-admin__hint'>
              {form.mode === 'fcfs'
                ? '按报名先后确认，满员后进入候补，有人取消时自动递补'
                : '会员提交申请，由工作人员在名单中遴选，最多选满名额'}
            </View>
          </FormField>
          <FormField
            name='acknowledgement'
            label='活动须知（选填；填写后会员报名前须阅读并同意）'
            error={fieldErrors.acknowledgement}
          >
            <Textarea
              className='field-input events-admin__textarea'
              name='acknowledgement'
              maxlength={1000}
              placeholder='如 健康与安全提示'
              value={form.acknowledgement}
              onInput={(e) => edit({ acknowledgement: e.detail.value })}
            />
          </FormField>
          {otherErrors ? <View className='error-text'>{otherErrors}</View> : null}
          <View className='events-admin__actions'>
            <Button type='primary' loading={saving} onClick={() => void onSave()}>
              保存
            </Button>
            <Button disabled={saving} onClick={close}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button type='primary' block onClick={() => open(emptyEventForm())}>
          新建活动
        </Button>
      )}

      <View className='muted events-admin__total'>共 {eventsTotal} 个活动</View>
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
      {status === 'loading' ? <View className='muted'>加载中…</View> : null}
      {status === 'ready' && events.length === 0 ? <Empty description='暂无活动' /> : null}
      {events.map((event) => (
        <View
          className='panel events-admin__item'
          key={event.id}
          data-testid='admin-event'
          data-title={event.title}
          data-status={event.status}
        >
          <View className='panel-title'>
            {event.title}
            <Tag type={STATUS_TAG[event.status]} data-testid='event-status'>
              {EVENT_STATUS_LABELS[event.status]}
            </Tag>
          </View>
          <View className='events-admin__line'>
            {EVENT_KIND_LABELS[event.kind]} · {EVENT_MODE_LABELS[event.mode]} ·{' '}
            {formatShanghaiDateTime(event.startAt)} 开始
          </View>
          <View className='events-admin__line'>
            已确认{' '}
            <Text className='events-admin__count' data-testid='event-confirmed'>
              {event.confirmed}/{event.capacity}
            </Text>
            {event.checkedIn ? ` · 已签到 ${event.checkedIn}` : ''}
          </View>
          <View className='muted'>{event.place}</View>
          {event.cancelReason ? (
            <View className='error-text'>取消原因：{event.cancelReason}</View>
          ) : null}
          {cancelling === event.id ? (
            <View data-testid='cancel-form'>
              <FormField
                name='reason'
                label='取消原因（将通知已报名的会员）'
                required
                error={reasonError}
              >
                <Textarea
                  className='field-input events-admin__textarea'
                  name='reason'
                  maxlength={200}
                  placeholder='2–200字，如 场地临时检修'
                  value={reason}
                  onInput={(e) => {
                    setReason(e.detail.value)
                    setReasonError('')
                  }}
                />
              </FormField>
              <View className='events-admin__actions'>
                <Button
                  type='danger'
                  size='small'
                  loading={busyId === event.id}
                  onClick={() => void onCancel(event.id)}
                >
                  确认取消活动
                </Button>
                <Button size='small' onClick={() => setCancelling(null)}>
                  返回
                </Button>
              </View>
            </View>
          ) : (
            <View className='events-admin__actions'>
              {event.status !== 'cancelled' && notStarted(event) ? (
                <Button
                  size='small'
                  disabled={saving || form?.id === event.id}
                  onClick={() => open(formOf(event))}
                >
                  编辑
                </Button>
              ) : null}
              {event.status === 'draft' ? (
                <Button
                  size='small'
                  type='primary'
                  loading={busyId === event.id}
                  onClick={() => void onPublish(event.id)}
                >
                  发布
                </Button>
              ) : null}
              {event.status !== 'cancelled' ? (
                <Button
                  size='small'
                  disabled={busyId !== null}
                  onClick={() => startCancel(event.id)}
                >
                  取消活动
                </Button>
              ) : null}
              <Button size='small' onClick={() => void toRoster(event.id)}>
                报名名单
              </Button>
            </View>
          )}
        </View>
      ))}
      {events.length < eventsTotal ? (
        <Button
          block
          size='small'
          loading={store.loadingMore}
          onClick={() => void store.loadMore()}
        >
          加载更多（{events.length}/{eventsTotal}）
        </Button>
      ) : null}
    </View>
  )
}
