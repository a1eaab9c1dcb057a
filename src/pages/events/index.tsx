import { View } from '@tarojs/components'

/** Events arrive with the events capability; until then the tab describes them plainly. */
export default function EventsPage() {
  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>活动</View>
        <View className='muted'>
          俱乐部会员可报名精选活动：高端产品品鉴会、湖畔跑、运动会、总经理见面会。
        </View>
        <View className='muted'>活动报名功能即将开放。</View>
      </View>
    </View>
  )
}
