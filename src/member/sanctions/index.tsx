import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import {
  APPEAL_DECISION_LABELS,
  SANCTION_KIND_LABELS,
  SANCTION_STATE_LABELS,
  appealStatusText,
} from '@/constants/discipline-labels'
import { messageFor } from '@/constants/error-messages'
import type { SanctionView } from '@/contracts/discipline'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useSanctionsStore } from '@/stores/sanctions.store'
import './index.scss'

const KIND_TAG = { warning: 'warning', suspension: 'danger', cancellation: 'danger' } as const
const STATE_TAG = { in_force: 'primary', ended: 'default', overturned: 'success' } as const

/** 我的处分 (SPEC §8): the member's sanctions and reasons; each may be appealed once. */
export default function SanctionsPage() {
  const { sanctions, status, error, appealingId, load, appeal } = useSanctionsStore()
  const [openId, setOpenId] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [textError, setTextError] = useState('')

  useDidShow(() => {
    void load()
  })

  const open = (id: string) => {
    setOpenId(id)
    setText('')
    setTextError('')
  }

  const onAppeal = async (id: string) => {
    const failure = await appeal(id, text)
    if (failure?.fields?.text) return setTextError(failure.fields.text)
    if (!failure) setOpenId(null)
    return Taro.showToast({
      title: failure ? messageFor(failure) : '申诉已提交，请等待处理结果',
      icon: failure ? 'none' : 'success',
    })
  }

  if (status === 'error' && error) {
    return <View className='page error-text'>{messageFor(error)}</View>
  }

  const appealPart = (s: SanctionView) => {
    if (s.appeal) {
      return (
        <View className='sanctions__appeal' data-testid='appeal'>
          <View className='muted'>
            {appealStatusText(s)} · 申诉于 {formatShanghaiDateTime(s.appeal.filedAt)}
          </View>
          <View>我的申诉：{s.appeal.text}</View>
          {s.appeal.decision ? (
            <View>
              <Tag type={s.appeal.decision === 'overturned' ? 'success' : 'warning'}>
                {APPEAL_DECISION_LABELS[s.appeal.decision]}
              </Tag>{' '}
              {s.appeal.note}
            </View>
          ) : null}
        </View>
      )
    }
    if (!s.canAppeal) return null
    if (openId !== s.id) {
      return (
        <View className='sanctions__buttons'>
          <Button size='small' onClick={() => open(s.id)}>
            申诉
          </Button>
        </View>
      )
    }
    return (
      <View className='sanctions__appeal'>
        <FormField name='text' label='申诉内容' error={textError} required>
          <Textarea
            className='field-input'
            name='text'
            value={text}
            maxlength={500}
            placeholder='请说明理由（5–500字）。每项处分只能申诉一次，由管理员最终裁决。'
            onInput={(e) => setText(e.detail.value)}
          />
        </FormField>
        <View className='sanctions__buttons'>
          <Button type='primary' loading={appealingId === s.id} onClick={() => onAppeal(s.id)}>
            提交申诉
          </Button>
          <Button onClick={() => setOpenId(null)}>取消</Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page sanctions'>
      {sanctions.length === 0 ? (
        <Empty description={status === 'loading' ? '加载中…' : '暂无处分记录'} />
      ) : (
        sanctions.map((s) => (
          <View className='panel' key={s.id} data-testid='sanction'>
            <View className='panel-title'>
              <Tag type={KIND_TAG[s.kind]}>{SANCTION_KIND_LABELS[s.kind]}</Tag>
              <Tag type={STATE_TAG[s.state]}>{SANCTION_STATE_LABELS[s.state]}</Tag>
            </View>
            <View className='muted'>处分时间 {formatShanghaiDateTime(s.issuedAt)}</View>
            {s.endsOn ? <View className='muted'>暂停至 {s.endsOn}（含当日）</View> : null}
            <View className='sanctions__reason'>原因：{s.reason}</View>
            {appealPart(s)}
          </View>
        ))
      )}
    </View>
  )
}
