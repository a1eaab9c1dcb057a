import { View } from '@tarojs/components'

/** The points account arrives with the points capability; until then the tab says so plainly. */
export default function PointsPage() {
  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>积分</View>
        <View className='muted'>
          在门店消费时出示会员卡，每实付1元积1分，生日当天双倍；积分可兑换代金券，有效期12个月。
        </View>
        <View className='muted'>积分账户与明细功能即将开放。</View>
      </View>
    </View>
  )
}
