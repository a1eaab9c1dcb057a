import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { messageFor } from '@/constants/error-messages'
import { MEMBER_STATUS_LABELS } from '@/constants/labels'
import type { StaffWithdrawalView } from '@/contracts/privacy'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useWithdrawalsStore } from '@/stores/withdrawals.store'
import './index.scss'

/**
 * 注销申请 (reviewers and admins, SPEC §9): open withdrawal requests, soonest due first, those past
 * their 5-working-day target highlighted; 确认注销 closes the account and erases the member's
 * personal data, after a confirmation that says so.
 */
export default function WithdrawalsPage() {
  const store = useWithdrawalsStore()

  useDidShow(() => {
    void store.load()
  })

  const onConfirm = async (w: StaffWithdrawalView) => {
    const answer = await Taro.showModal({
      title: '注销会员账号',
      content: `确认为 ${w.realName} 办理注销吗？其积分将清零、会员卡作废、个人信息删除或匿名化，操作不可撤销。请确认已核实为本人申请。`,
      confirmText: '确定',
    })
    if (!answer.confirm) return
    const failure = await store.confirm(w.id)
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已注销',
      icon: failure ? 'none' : 'success',
    })
  }

  if (store.status === 'error' && store.error) {
    return <View className='page error-text'>{messageFor(store.error)}</View>
  }

  return (
    <View className='page withdrawals'>
      <View className='panel' data-testid='withdrawal-queue'>
        <View className='panel-title'>待处理注销申请 ({store.total})</View>
        {store.items.length === 0 ? (
          <Empty description={store.status === 'loading' ? '加载中…' : '暂无待处理的注销申请'} />
        ) : (
          store.items.map((w) => (
            <View
              key={w.id}
              className={`withdrawals__item${w.overdue ? ' withdrawals__item--overdue' : ''}`}
              data-testid='withdrawal-request'
            >
              <View className='panel-title'>
                {w.realName}
                {w.overdue ? <Tag type='danger'>已超期</Tag> : <Tag type='warning'>待处理</Tag>}
              </View>
              <View className='muted'>
                {w.shopName} · {w.mobileMasked}
                {w.cardNo ? ` · ${formatCardNumber(w.cardNo)}` : ''}
                {w.memberStatus ? ` · ${MEMBER_STATUS_LABELS[w.memberStatus]}` : ''}
              </View>
              <View className='muted'>
                申请时间 {formatShanghaiDateTime(w.requestedAt)} · 处理期限 {w.dueOn}
              </View>
              {w.reason ? <View>原因：{w.reason}</View> : null}
              <View className='withdrawals__buttons'>
                <Button
                  type='danger'
                  loading={store.confirmingId === w.id}
                  disabled={store.confirmingId !== null}
                  onClick={() => onConfirm(w)}
                >
                  确认注销
                </Button>
              </View>
            </View>
          ))
        )}
      </View>
    </View>
  )
}
