import { Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { messageFor } from '@/constants/error-messages'
import { formatFen } from '@/domain/points/money'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { usePointsStore } from '@/stores/points.store'

/** 我的兑换券: show the code at the counter from the pickup date on. */
export default function VouchersPage() {
  const { vouchers, error, loadVouchers } = usePointsStore()
  useDidShow(() => {
    void loadVouchers()
  })
  return (
    <View className='page'>
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
      {vouchers.length === 0 ? <Empty description='还没有兑换券' /> : null}
      {vouchers.map((v) => (
        <View className='panel' key={v.code} data-testid='voucher'>
          <View className='panel-title'>
            {v.itemName}
            <Tag type={v.status === 'issued' ? 'success' : 'default'}>
              {v.status === 'issued' ? '可使用' : '已使用'}
            </Tag>
          </View>
          <View>兑换券号：{v.code}</View>
          <View className='muted'>
            {v.faceValueFen !== null ? `面值 ${formatFen(v.faceValueFen)} · ` : ''}
            {v.points} 积分 · {v.pickupDate} 起可用
          </View>
          {v.usedAt ? (
            <View className='muted'>使用于 {formatShanghaiDateTime(v.usedAt)}</View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
