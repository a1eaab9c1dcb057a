import { Button, Tabs, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import PhotoStrip from '@/components/PhotoStrip'
import { messageFor } from '@/constants/error-messages'
import { COMPLAINT_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '@/constants/labels'
import type { StaffComplaintView } from '@/contracts/complaints'
import { replyCountdown } from '@/domain/care/complaint'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useComplaintsAdminStore } from '@/stores/complaints-admin.store'
import './index.scss'

/** How the reply target stands, measured from the time the server read the list. */
function DueBadge(props: { item: StaffComplaintView; asOf: string }) {
  const { overdue, hours, minutes } = replyCountdown(props.item, new Date(props.asOf))
  if (overdue) {
    return (
      <>
        <Tag background='#c8102e' color='#ffffff'>
          已超时
        </Tag>
        <Text className='complaints-desk__late'>{`超出 ${hours}小时${minutes}分`}</Text>
      </>
    )
  }
  return <Tag type='warning'>{hours > 0 ? `剩余 ${hours}小时` : `剩余 ${minutes}分钟`}</Tag>
}

/** 投诉处理 (reviewer): open complaints by reply target, overdue ones in red; answer inline. */
export default function ComplaintsDeskPage() {
  const store = useComplaintsAdminStore()
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})

  useDidShow(() => {
    void store.load(store.answered)
  })

  const onAnswer = async (id: string) => {
    const failure = await store.answer(id, drafts[id] ?? '')
    setErrors((e) => ({ ...e, [id]: failure?.fields?.answer ?? '' }))
    if (failure?.fields?.answer) return
    if (!failure) setDrafts((d) => ({ ...d, [id]: '' }))
    await Taro.showToast({
      title: failure ? messageFor(failure) : '回复已发送',
      icon: failure ? 'none' : 'success',
    })
  }

  const list = (
    <View className='panel' data-testid='complaint-queue'>
      {store.status === 'ready' ? <View className='muted'>共 {store.total} 条</View> : null}
      {store.items.length === 0 ? (
        <Empty
          description={
            store.status === 'loading' ? '加载中…' : store.answered ? '暂无已回复' : '暂无待回复'
          }
        />
      ) : (
        store.items.map((c) => (
          <View
            key={c.id}
            className={`complaints-desk__item${c.overdue ? ' complaints-desk__item--overdue' : ''}`}
            data-testid='complaint-item'
          >
            <View className='complaints-desk__head'>
              <Tag type='primary'>{COMPLAINT_CATEGORY_LABELS[c.category]}</Tag>
              {c.answer === null && store.asOf ? <DueBadge item={c} asOf={store.asOf} /> : null}
              {c.answeredAt && c.answeredAt >= c.dueAt ? <Tag type='default'>超时回复</Tag> : null}
            </View>
            <View className='muted'>
              {c.realName} · {c.shopName}
              {c.memberStatus && c.memberStatus !== 'active'
                ? ` · ${MEMBER_STATUS_LABELS[c.memberStatus]}`
                : ''}
            </View>
            <View className='muted'>
              提交 {formatShanghaiDateTime(c.createdAt)} · 应回复 {formatShanghaiDateTime(c.dueAt)}
            </View>
            <View className='complaints-desk__text'>{c.text}</View>
            <PhotoStrip photos={c.photos} links={c.photoLinks} />
            {c.photosWithheld.checking > 0 ? (
              <View className='muted' data-testid='photos-checking'>
                {`${c.photosWithheld.checking}张图片正在进行内容安全检测，通过后显示`}
              </View>
            ) : null}
            {c.photosWithheld.refused > 0 ? (
              <View className='muted' data-testid='photos-refused'>
                {`${c.photosWithheld.refused}张图片未通过微信内容安全检测，已隐藏`}
              </View>
            ) : null}
            {c.answer !== null ? (
              <View className='complaints-desk__answer'>
                <View>回复：{c.answer}</View>
                {c.answeredAt ? (
                  <View className='muted'>回复时间 {formatShanghaiDateTime(c.answeredAt)}</View>
                ) : null}
              </View>
            ) : (
              <>
                <FormField name='answer' label='回复内容' error={errors[c.id]} required>
                  <Textarea
                    className='field-input'
                    name='answer'
                    value={drafts[c.id] ?? ''}
                    maxlength={500}
                    placeholder='会员将在小程序中看到回复（2–500字）'
                    onInput={(e) => setDrafts((d) => ({ ...d, [c.id]: e.detail.value }))}
                  />
                </FormField>
                <Button
                  type='primary'
                  size='small'
                  loading={store.answeringId === c.id}
                  onClick={() => onAnswer(c.id)}
                >
                  回复
                </Button>
              </>
            )}
          </View>
        ))
      )}
      {store.error ? <View className='error-text'>{messageFor(store.error)}</View> : null}
    </View>
  )

  return (
    <View className='page complaints-desk'>
      <Tabs
        value={store.answered ? 'answered' : 'open'}
        onChange={(value) => store.load(value === 'answered')}
      >
        <Tabs.TabPane title='待回复' value='open'>
          {store.answered ? null : list}
        </Tabs.TabPane>
        <Tabs.TabPane title='已回复' value='answered'>
          {store.answered ? list : null}
        </Tabs.TabPane>
      </Tabs>
    </View>
  )
}
