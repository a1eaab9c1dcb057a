import { Button, Tabs, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import { messageFor } from '@/constants/error-messages'
import { starText } from '@/constants/labels'
import type { ApiError } from '@/contracts/error-codes'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useClubReviewStore } from '@/stores/club-review.store'
import './index.scss'

const toast = (failure: ApiError | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure) : success,
    icon: failure ? 'none' : 'success',
  })

/** 俱乐部审核 (reviewer): club applications to approve or reject, and the suggestion box. */
export default function ClubReviewPage() {
  const store = useClubReviewStore()
  const [tab, setTab] = useState<string | number>('applications')
  const [openId, setOpenId] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [textError, setTextError] = useState('')

  useDidShow(() => {
    void store.load()
    void store.loadSuggestions(store.answered)
  })

  const open = (id: string) => {
    setOpenId(id)
    setText('')
    setTextError('')
  }

  const onReject = async (memberId: string) => {
    const failure = await store.reject(memberId, text)
    if (failure?.fields?.reason) return setTextError(failure.fields.reason)
    setOpenId(null)
    return toast(failure, '已驳回')
  }

  const onAnswer = async (id: string) => {
    const failure = await store.answer(id, text)
    if (failure?.fields?.answer) return setTextError(failure.fields.answer)
    setOpenId(null)
    return toast(failure, '已答复')
  }

  const reasonBox = (name: string, label: string, placeholder: string) => (
    <FormField name={name} label={label} error={textError} required>
      <Textarea
        className='field-input'
        name={name}
        value={text}
        maxlength={500}
        placeholder={placeholder}
        onInput={(e) => setText(e.detail.value)}
      />
    </FormField>
  )

  return (
    <View className='page club-review'>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.TabPane title={`入会申请 (${store.applicationsTotal})`} value='applications'>
          <View className='panel' data-testid='club-applications'>
            {store.applications.length === 0 ? (
              <Empty description={store.status === 'loading' ? '加载中…' : '暂无待审核申请'} />
            ) : (
              store.applications.map((a) => (
                <View className='club-review__item' key={a.memberId} data-testid='club-application'>
                  <View className='panel-title'>
                    {a.realName} <Tag type='primary'>{starText(a.star)}</Tag>
                  </View>
                  <View className='muted'>
                    {a.shopName} · {a.mobileMasked}
                    {a.cardNo ? ` · ${formatCardNumber(a.cardNo)}` : ''}
                  </View>
                  <View className='muted'>申请时间 {formatShanghaiDateTime(a.appliedAt)}</View>
                  {openId === a.memberId
                    ? reasonBox('reason', '驳回原因', '申请人将看到此原因（2–200字）')
                    : null}
                  <View className='club-review__buttons'>
                    {openId === a.memberId ? (
                      <>
                        <Button
                          type='danger'
                          loading={store.decidingId === a.memberId}
                          onClick={() => onReject(a.memberId)}
                        >
                          确认驳回
                        </Button>
                        <Button onClick={() => setOpenId(null)}>取消</Button>
                      </>
                    ) : (
                      <>
                        <Button
                          type='primary'
                          loading={store.decidingId === a.memberId}
                          onClick={async () => toast(await store.approve(a.memberId), '已通过')}
                        >
                          通过
                        </Button>
                        <Button onClick={() => open(a.memberId)}>驳回</Button>
                      </>
                    )}
                  </View>
                </View>
              ))
            )}
            {store.error ? <View className='error-text'>{messageFor(store.error)}</View> : null}
          </View>
        </Tabs.TabPane>
        <Tabs.TabPane title='建议箱' value='suggestions'>
          <View className='club-review__buttons'>
            <Button
              type={store.answered ? 'default' : 'primary'}
              onClick={() => store.loadSuggestions(false)}
            >
              待答复
            </Button>
            <Button
              type={store.answered ? 'primary' : 'default'}
              onClick={() => store.loadSuggestions(true)}
            >
              已答复
            </Button>
          </View>
          <View className='panel' data-testid='club-suggestions'>
            {store.suggestions.length === 0 ? (
              <Empty description={store.suggestionsStatus === 'loading' ? '加载中…' : '暂无建议'} />
            ) : (
              store.suggestions.map((s) => (
                <View className='club-review__item' key={s.id}>
                  <View className='muted'>
                    {s.realName} · {s.shopName} · {formatShanghaiDateTime(s.createdAt)}
                  </View>
                  <View>{s.text}</View>
                  {s.answer ? (
                    <View>
                      <Tag type='success'>已答复</Tag> {s.answer}
                    </View>
                  ) : openId === s.id ? (
                    <>
                      {reasonBox('answer', '答复', '会员将在小程序中看到答复（2–500字）')}
                      <View className='club-review__buttons'>
                        <Button
                          type='primary'
                          loading={store.answeringId === s.id}
                          onClick={() => onAnswer(s.id)}
                        >
                          发送答复
                        </Button>
                        <Button onClick={() => setOpenId(null)}>取消</Button>
                      </View>
                    </>
                  ) : (
                    <Button size='small' onClick={() => open(s.id)}>
                      答复
                    </Button>
                  )}
                </View>
              ))
            )}
          </View>
        </Tabs.TabPane>
      </Tabs>
    </View>
  )
}
