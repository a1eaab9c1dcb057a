import { Button, Tabs, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { messageFor } from '@/constants/error-messages'
import { CHANNEL_LABELS, MEMBER_STATUS_LABELS } from '@/constants/labels'
import type { MemberStatus } from '@/domain/member/member'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useReviewStore } from '@/stores/review.store'
import './index.scss'

const HELD_LABELS = { mobile: '手机号', licenceNo: '许可证号' } as const

const FILTERS = ['pending', 'active', 'rejected'] as const satisfies readonly MemberStatus[]
const FILTER_LABELS: Record<(typeof FILTERS)[number], string> = {
  pending: '待审核',
  active: '已通过',
  rejected: '未通过',
}

/** 注册审核: the reviewer's queue, oldest first, with masked personal data (SPEC §2, §9). */
export default function ReviewPage() {
  const { filter, status, items, total, error, busyId, load, approve, reject, rekeyCard } =
    useReviewStore()
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  useDidShow(() => {
    void load()
  })

  const onApprove = async (memberId: string) => {
    const failure = await approve(memberId)
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已通过',
      icon: failure ? 'none' : 'success',
    })
  }

  const onRekey = async (memberId: string, name: string) => {
    const answer = await Taro.showModal({
      title: '代会员挂失补卡',
      content: `为 ${name} 补卡后，其旧手机或截图上的会员码立即失效。请确认已核实本人身份。`,
    })
    if (!answer.confirm) return
    const failure = await rekeyCard(memberId)
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已补卡',
      icon: failure ? 'none' : 'success',
    })
  }

  const onReject = async (memberId: string) => {
    const failure = await reject(memberId, reason)
    if (failure?.fields?.reason) {
      setReasonError(failure.fields.reason)
      return
    }
    setRejecting(null)
    setReason('')
    setReasonError('')
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已驳回',
      icon: failure ? 'none' : 'success',
    })
  }

  return (
    <View className='page review'>
      <Tabs value={filter} onChange={(value) => void load(value as MemberStatus)}>
        {FILTERS.map((f) => (
          <Tabs.TabPane key={f} value={f} title={FILTER_LABELS[f]} />
        ))}
      </Tabs>
      <View className='muted review__total'>共 {total} 条</View>
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
      {status === 'ready' && items.length === 0 ? <Empty description='暂无记录' /> : null}
      {items.map((item) => (
        <View
          className='panel review__item'
          key={item.memberId}
          data-testid='registration'
          data-name={item.realName}
        >
          <View className='review__head'>
            <View className='panel-title'>
              {item.realName} <Tag type='primary'>{MEMBER_STATUS_LABELS[item.status]}</Tag>
              {item.overdue ? (
                <Tag type='danger' data-testid='overdue'>
                  已超时
                </Tag>
              ) : null}
            </View>
            <View className='muted'>{formatShanghaiDateTime(item.submittedAt)}</View>
          </View>
          {item.status === 'pending' ? (
            <View className={`review__line${item.overdue ? ' error-text' : ''}`}>
              请于 {item.reviewDueDate} 前完成审核（2个工作日）
            </View>
          ) : null}
          {item.heldElsewhere.length > 0 ? (
            <View className='review__line error-text' data-testid='held-elsewhere'>
              {item.heldElsewhere.map((field) => HELD_LABELS[field]).join('、')}
              已属于另一位会员：不能通过，请驳回并写明原因
            </View>
          ) : null}
          <View className='review__line'>手机号：{item.mobileMasked}</View>
          <View className='review__line'>店铺：{item.shopName}</View>
          <View className='review__line'>地址：{item.shopAddress}</View>
          <View className='review__line'>许可证号：{item.licenceMasked}</View>
          <View className='review__line'>
            年龄：{item.age} 岁 · 来源：{item.channel ? CHANNEL_LABELS[item.channel] : '未知'}
            {item.referred ? ' · 有推荐人' : ''}
          </View>
          {item.cardNo ? (
            <View className='review__line'>会员卡号：{formatCardNumber(item.cardNo)}</View>
          ) : null}
          {item.status === 'active' ? (
            <View className='review__actions'>
              <Button
                size='small'
                loading={busyId === item.memberId}
                onClick={() => void onRekey(item.memberId, item.realName)}
              >
                挂失补卡
              </Button>
            </View>
          ) : null}
          {item.rejectReason ? (
            <View className='review__line error-text'>驳回原因：{item.rejectReason}</View>
          ) : null}
          {item.status === 'pending' && rejecting !== item.memberId ? (
            <View className='review__actions'>
              {item.heldElsewhere.length === 0 ? (
                <Button
                  type='primary'
                  size='small'
                  loading={busyId === item.memberId}
                  onClick={() => onApprove(item.memberId)}
                >
                  通过
                </Button>
              ) : null}
              <Button
                size='small'
                disabled={busyId === item.memberId}
                onClick={() => setRejecting(item.memberId)}
              >
                驳回
              </Button>
            </View>
          ) : null}
          {rejecting === item.memberId ? (
            <View className='review__reject'>
              <Textarea
                className='review__reason'
                placeholder='请填写驳回原因（申请人可见）'
                maxlength={200}
                value={reason}
                onInput={(e) => {
                  setReason(e.detail.value)
                  setReasonError('')
                }}
              />
              {reasonError ? <View className='error-text'>{reasonError}</View> : null}
              <View className='review__actions'>
                <Button
                  type='danger'
                  size='small'
                  loading={busyId === item.memberId}
                  onClick={() => onReject(item.memberId)}
                >
                  确认驳回
                </Button>
                <Button size='small' onClick={() => setRejecting(null)}>
                  取消
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
