import { Button } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Image, Picker, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { messageFor } from '@/constants/error-messages'
import { formatFen } from '@/domain/points/money'
import { usePointsStore } from '@/stores/points.store'
import './index.scss'

/** 积分兑换: the rewards on offer; items of 10000 points or more are booked 10 days ahead. */
export default function RewardsPage() {
  const { overview, catalogue, redeemingId, error, load, loadCatalogue, redeem } = usePointsStore()
  const [pickupDates, setPickupDates] = useState<Record<string, string>>({})
  useDidShow(() => {
    void load()
    void loadCatalogue()
  })

  const onRedeem = async (itemId: string, name: string, points: number, pickupDate?: string) => {
    const confirm = await Taro.showModal({
      title: '确认兑换',
      content: `使用 ${points} 积分兑换「${name}」${pickupDate ? `，${pickupDate} 领取` : ''}？兑换后不可退换。`,
    })
    if (!confirm.confirm) return
    const outcome = await redeem(itemId, pickupDate)
    if ('error' in outcome) {
      await Taro.showToast({ title: messageFor(outcome.error), icon: 'none' })
      return
    }
    await Taro.showModal({
      title: '兑换成功',
      content: `兑换券号 ${outcome.voucher.code}，请于 ${outcome.voucher.pickupDate} 起到门店出示领取。`,
      showCancel: false,
    })
  }

  return (
    <View className='page rewards'>
      <View className='muted rewards__balance'>可用积分：{overview?.balance ?? '—'}</View>
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
      {catalogue.length === 0 ? <Empty description='暂无可兑换的商品' /> : null}
      {catalogue.map((item) => {
        const pickupDate = pickupDates[item.id] ?? item.earliestPickupDate ?? undefined
        const short = (overview?.balance ?? 0) < item.pointsPrice
        return (
          <View
            className='panel rewards__item'
            key={item.id}
            data-testid='reward'
            data-name={item.name}
          >
            {item.imageUrl ? (
              <Image className='rewards__image' src={item.imageUrl} mode='aspectFill' />
            ) : null}
            <View className='rewards__info'>
              <View className='panel-title'>{item.name}</View>
              <View className='muted'>
                {item.faceValueFen !== null ? `面值 ${formatFen(item.faceValueFen)} · ` : ''}库存{' '}
                {item.stock}
              </View>
              {item.needsBooking ? (
                <Picker
                  mode='date'
                  start={item.earliestPickupDate ?? undefined}
                  value={pickupDate ?? ''}
                  onChange={(e) =>
                    setPickupDates((d) => ({ ...d, [item.id]: String(e.detail.value) }))
                  }
                >
                  <View className='rewards__booking'>
                    需提前10天预约 · 领取日期：{pickupDate}（点击修改）
                  </View>
                </Picker>
              ) : null}
            </View>
            <View className='rewards__buy'>
              <View className='rewards__price'>{item.pointsPrice} 积分</View>
              <Button
                type='primary'
                size='small'
                disabled={short || item.stock < 1}
                loading={redeemingId === item.id}
                onClick={() =>
                  void onRedeem(
                    item.id,
                    item.name,
                    item.pointsPrice,
                    item.needsBooking ? pickupDate : undefined,
                  )
                }
              >
                {item.stock < 1 ? '已兑完' : short ? '积分不足' : '兑换'}
              </Button>
            </View>
          </View>
        )
      })}
    </View>
  )
}
