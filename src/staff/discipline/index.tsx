import { Button, Tabs, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Picker, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import {
  SANCTION_KIND_LABELS,
  SANCTION_STATE_LABELS,
  appealStatusText,
} from '@/constants/discipline-labels'
import { messageFor } from '@/constants/error-messages'
import { MEMBER_STATUS_LABELS } from '@/constants/labels'
import type { SanctionView, StaffSanctionView } from '@/contracts/discipline'
import type { ApiError } from '@/contracts/error-codes'
import { formatCardNumber } from '@/domain/card/card-number'
import {
  MAX_SUSPENSION_DAYS,
  SANCTION_KINDS,
  addDays,
  type AppealDecision,
  type SanctionKind,
} from '@/domain/discipline/sanction'
import { formatShanghaiDateTime, shanghaiDate } from '@/domain/shared/calendar'
import { useDisciplineAdminStore } from '@/stores/discipline-admin.store'
import './index.scss'

const toast = (failure: ApiError | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure) : success,
    icon: failure ? 'none' : 'success',
  })

/** One sanction in a list: kind, state, dates, reason and where its appeal stands. */
function SanctionLine(props: { sanction: SanctionView; who?: StaffSanctionView }) {
  const s = props.sanction
  return (
    <View>
      <View className='panel-title'>
        <Tag type={s.kind === 'warning' ? 'warning' : 'danger'}>{SANCTION_KIND_LABELS[s.kind]}</Tag>
        <Tag type='default'>{SANCTION_STATE_LABELS[s.state]}</Tag>
        {props.who ? props.who.realName : null}
      </View>
      {props.who ? (
        <View className='muted'>
          {props.who.mobileMasked}
          {props.who.cardNo ? ` · ${formatCardNumber(props.who.cardNo)}` : ''} ·{' '}
          {MEMBER_STATUS_LABELS[props.who.memberStatus]}
        </View>
      ) : null}
      <View className='muted'>
        {formatShanghaiDateTime(s.issuedAt)}
        {s.endsOn ? ` · 暂停至 ${s.endsOn}` : ''} · {appealStatusText(s)}
      </View>
      <View>原因：{s.reason}</View>
      {s.appeal ? <View className='muted'>申诉：{s.appeal.text}</View> : null}
      {s.appeal?.note ? <View className='muted'>裁决说明：{s.appeal.note}</View> : null}
    </View>
  )
}

/**
 * 纪律管理 (admin, SPEC §8): find a member by card number, see their sanctions and issue one
 * (warning, suspension with an end date, cancellation after a confirmation); decide appeals.
 */
export default function DisciplinePage() {
  const store = useDisciplineAdminStore()
  const [tab, setTab] = useState<string | number>('issue')
  const [cardNo, setCardNo] = useState('')
  const [kind, setKind] = useState<SanctionKind | null>(null)
  const [reason, setReason] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [openId, setOpenId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState('')

  useDidShow(() => {
    void store.loadRecent()
    void store.loadAppeals()
  })

  const today = shanghaiDate(new Date())

  const onFind = async () => {
    const failure = await store.findMember(cardNo)
    setErrors(failure ? { cardNo: failure.fields?.cardNo ?? messageFor(failure) } : {})
    setKind(null)
    setReason('')
    setEndsOn('')
  }

  const onIssue = async () => {
    if (kind === 'cancellation') {
      const answer = await Taro.showModal({
        title: '注销账号',
        content: '注销后积分清零、会员卡作废、俱乐部资格取消，已报名的活动名额释放。确定注销？',
      })
      if (!answer.confirm) return
    }
    const failure = await store.issue({ kind, reason, endsOn })
    setErrors(failure?.fields ?? {})
    if (failure?.fields) return
    if (!failure) {
      setKind(null)
      setReason('')
      setEndsOn('')
    }
    await toast(failure, '已处分')
  }

  const openDecision = (id: string) => {
    setOpenId(id)
    setNote('')
    setNoteError('')
  }

  const onDecide = async (id: string, decision: AppealDecision) => {
    const failure = await store.decide(id, decision, note)
    if (failure?.fields?.note) return setNoteError(failure.fields.note)
    setOpenId(null)
    return toast(failure, decision === 'upheld' ? '已维持原处分' : '已撤销处分')
  }

  const member = store.member

  return (
    <View className='page discipline'>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.TabPane title='处分' value='issue'>
          <View className='panel' data-testid='discipline-member'>
            <View className='panel-title'>查询会员</View>
            <TextField
              label='会员卡号'
              name='cardNo'
              type='number'
              value={cardNo}
              onChange={setCardNo}
              error={errors.cardNo}
            />
            <Button block loading={store.finding} onClick={onFind}>
              查询
            </Button>
            {member ? (
              <View>
                <View className='discipline__item'>
                  <View className='panel-title'>
                    {member.realName}
                    <Tag type={member.status === 'active' ? 'success' : 'danger'}>
                      {MEMBER_STATUS_LABELS[member.status]}
                    </Tag>
                  </View>
                  <View className='muted'>
                    {member.mobileMasked}
                    {member.cardNo ? ` · ${formatCardNumber(member.cardNo)}` : ''}
                    {member.suspendedUntil ? ` · 暂停至 ${member.suspendedUntil}` : ''}
                  </View>
                </View>
                {member.sanctions.length === 0 ? (
                  <View className='muted discipline__item'>暂无处分记录</View>
                ) : (
                  member.sanctions.map((s) => (
                    <View className='discipline__item' key={s.id}>
                      <SanctionLine sanction={s} />
                    </View>
                  ))
                )}
                <FormField name='kind' label='处分类型' error={errors.kind} required>
                  <View className='discipline__buttons'>
                    {SANCTION_KINDS.map((k) => (
                      <Button
                        key={k}
                        size='small'
                        type={kind === k ? 'primary' : 'default'}
                        onClick={() => setKind(k)}
                      >
                        {SANCTION_KIND_LABELS[k]}
                      </Button>
                    ))}
                  </View>
                </FormField>
                {kind === 'suspension' ? (
                  <FormField name='endsOn' label='暂停至（含当日）' error={errors.endsOn} required>
                    <Picker
                      mode='date'
                      start={addDays(today, 1)}
                      end={addDays(today, MAX_SUSPENSION_DAYS)}
                      value={endsOn || addDays(today, 7)}
                      onChange={(e) => setEndsOn(String(e.detail.value))}
                    >
                      <View className='discipline__picker'>{endsOn || '请选择结束日期'}</View>
                    </Picker>
                  </FormField>
                ) : null}
                <FormField name='reason' label='处分原因' error={errors.reason} required>
                  <Textarea
                    className='field-input'
                    name='reason'
                    value={reason}
                    maxlength={200}
                    placeholder='会员将看到此原因（5–200字）'
                    onInput={(e) => setReason(e.detail.value)}
                  />
                </FormField>
                <Button type='danger' block loading={store.issuing} onClick={onIssue}>
                  处分
                </Button>
              </View>
            ) : null}
          </View>
          <View className='panel' data-testid='recent-sanctions'>
            <View className='panel-title'>最近处分 ({store.recentTotal})</View>
            {store.recent.length === 0 ? (
              <Empty description={store.recentStatus === 'loading' ? '加载中…' : '暂无处分'} />
            ) : (
              store.recent.map((s) => (
                <View className='discipline__item' key={s.id}>
                  <SanctionLine sanction={s} who={s} />
                </View>
              ))
            )}
          </View>
        </Tabs.TabPane>
        <Tabs.TabPane title={`申诉 (${store.appealsTotal})`} value='appeals'>
          <View className='panel' data-testid='appeals'>
            {store.appeals.length === 0 ? (
              <Empty
                description={store.appealsStatus === 'loading' ? '加载中…' : '暂无待处理申诉'}
              />
            ) : (
              store.appeals.map((s) => (
                <View className='discipline__item' key={s.id} data-testid='appeal'>
                  <SanctionLine sanction={s} who={s} />
                  {openId === s.id ? (
                    <>
                      <FormField name='note' label='裁决说明' error={noteError} required>
                        <Textarea
                          className='field-input'
                          name='note'
                          value={note}
                          maxlength={200}
                          placeholder='会员将看到此说明（2–200字）；裁决为最终结果'
                          onInput={(e) => setNote(e.detail.value)}
                        />
                      </FormField>
                      <View className='discipline__buttons'>
                        <Button
                          type='primary'
                          loading={store.decidingId === s.id}
                          onClick={() => onDecide(s.id, 'upheld')}
                        >
                          维持原处分
                        </Button>
                        <Button
                          type='danger'
                          loading={store.decidingId === s.id}
                          onClick={() => onDecide(s.id, 'overturned')}
                        >
                          撤销处分
                        </Button>
                        <Button onClick={() => setOpenId(null)}>取消</Button>
                      </View>
                    </>
                  ) : (
                    <Button size='small' onClick={() => openDecision(s.id)}>
                      裁决
                    </Button>
                  )}
                </View>
              ))
            )}
            {store.error ? <View className='error-text'>{messageFor(store.error)}</View> : null}
          </View>
        </Tabs.TabPane>
      </Tabs>
    </View>
  )
}
