import { Button } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import FactRows from '@/components/FactRows'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { LedgerEntryView } from '@/contracts/points.contract'
import SignInHint from '@/components/SignInHint'
import { messageFor } from '@/constants/error-messages'
import { ENTRY_LABEL_LABELS } from '@/constants/labels'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { formatFen } from '@/domain/points/money'
import { needsSignIn } from '@/hooks/use-session'
import { usePointsStore } from '@/stores/points.store'
import './index.scss'
import PageTabBar from '@/components/PageTabBar'

/** The one line under an entry's label: for a purchase the amount, else the entry's note. */
function summaryOf(entry: LedgerEntryView): string {
  const parts = [formatShanghaiDateTime(entry.at)]
  if (entry.purchase) {
    parts.push(`消费 ${formatFen(entry.purchase.amountFen)}`)
    if (entry.purchase.site) parts.push(entry.purchase.site)
  }
  if (entry.note) parts.push(entry.note)
  return parts.join(' · ')
}

/** What a member checks an entry against: the sale and its receipt, the event, the voucher. */
function EntryDetail(props: { entry: LedgerEntryView }) {
  const { entry } = props
  const rows: [string, string][] = []
  if (entry.purchase) {
    const sale = entry.purchase
    rows.push(['消费金额', formatFen(sale.amountFen)])
    if (sale.paidWithPointsFen > 0) rows.push(['兑换券抵扣', formatFen(sale.paidWithPointsFen)])
    rows.push(['计积分金额', formatFen(sale.earnableFen)])
    rows.push(['小票号', sale.receiptNo ?? '未填写'])
    if (sale.site) rows.push(['门店', sale.site])
    rows.push(['经办店员', sale.clerkName])
  } else if (entry.label === 'event' && entry.note) {
    rows.push(['活动', entry.note])
  } else if (entry.label === 'reward') {
    rows.push(['兑换券', entry.reference])
  }
  if (!entry.purchase && entry.note && entry.label !== 'event') rows.push(['说明', entry.note])
  rows.push(['时间', formatShanghaiDateTime(entry.at)])
  rows.push(['积分', entry.points > 0 ? `+${entry.points}` : String(entry.points)])
  return (
    <View className='points__detail' data-testid='entry-detail'>
      <FactRows rows={rows} />
    </View>
  )
}

/** 积分: balance, what expires soon, and the history, loaded a page at a time as you scroll. */
function PointsPageContent() {
  const { status, overview, history, historyTotal, loadingMore, error, load, loadMore } =
    usePointsStore()
  const [opened, setOpened] = useState<string | null>(null)
  useDidShow(() => {
    void load()
  })
  useReachBottom(() => {
    void loadMore()
  })

  if (needsSignIn(error)) return <SignInHint />
  if (error?.code === 'AUTH.NOT_A_MEMBER') {
    return (
      <View className='page'>
        <View className='panel'>
          <View className='panel-title'>积分</View>
          <View className='muted'>
            注册成为会员并通过审核后，消费即可累积积分：每实付1元积1分，生日当天双倍。
          </View>
        </View>
      </View>
    )
  }
  if (status !== 'ready' || !overview) {
    return <View className='page muted'>{error ? messageFor(error) : '加载中…'}</View>
  }

  return (
    <View className='page points'>
      <View className='points__balance'>
        <View className='points__balance-label'>可用积分</View>
        <View className='points__balance-value' data-testid='balance'>
          {overview.balance}
        </View>
        {overview.expiringPoints > 0 ? (
          <View className='points__expiring' data-testid='expiring'>
            {overview.expiringPoints} 积分将于 {overview.firstExpiryDate} 起陆续过期
          </View>
        ) : (
          <View className='points__expiring'>积分自获得起12个月内有效</View>
        )}
        <View className='points__actions'>
          <Button size='small' onClick={() => Taro.navigateTo({ url: '/member/rewards/index' })}>
            积分兑换
          </Button>
          <Button size='small' onClick={() => Taro.navigateTo({ url: '/member/vouchers/index' })}>
            我的兑换券
          </Button>
        </View>
      </View>

      <View className='panel'>
        <View className='panel-title'>积分明细</View>
        {history.length === 0 ? <Empty description='还没有积分记录' /> : null}
        {history.map((entry) => (
          <View key={entry.id}>
            <View
              className='points__entry'
              data-testid='entry'
              onClick={() => setOpened(opened === entry.id ? null : entry.id)}
            >
              <View>
                <View>{ENTRY_LABEL_LABELS[entry.label]}</View>
                <View className='muted'>{summaryOf(entry)}</View>
              </View>
              <Text className={entry.points > 0 ? 'points__plus' : 'points__minus'}>
                {entry.points > 0 ? `+${entry.points}` : entry.points}
              </Text>
            </View>
            {opened === entry.id ? <EntryDetail entry={entry} /> : null}
          </View>
        ))}
        {history.length < historyTotal ? (
          <View className='muted points__more' onClick={() => void loadMore()}>
            {loadingMore ? '加载中…' : '加载更多'}
          </View>
        ) : history.length > 0 ? (
          <View className='muted points__more'>没有更多了</View>
        ) : null}
      </View>
    </View>
  )
}

/** 积分, with the bottom bar of the signed-in role. */
export default function PointsPage() {
  return (
    <>
      <PointsPageContent />
      <PageTabBar current='pages/points/index' />
    </>
  )
}
