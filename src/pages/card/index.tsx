import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import MemberCard from '@/components/MemberCard'
import SignInHint from '@/components/SignInHint'
import { needsSignIn, useSession } from '@/hooks/use-session'

export default function CardPage() {
  const { me, error } = useSession()
  if (needsSignIn(error)) return <SignInHint />
  const member = me?.member
  if (member?.status === 'active') {
    return (
      <View className='page'>
        <MemberCard member={member} />
        <View className='panel muted'>
          门店消费或参加活动时出示本卡。动态二维码（防截图、离线可用）将在下一版本提供。
        </View>
      </View>
    )
  }
  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>还没有会员卡</View>
        <View className='muted'>
          {member?.status === 'pending'
            ? '注册审核通过后即可领取会员卡。'
            : '注册成为会员并通过审核后，即可领取会员卡。'}
        </View>
        {!member || member.status === 'rejected' ? (
          <Button
            type='primary'
            block
            onClick={() => Taro.navigateTo({ url: '/pages/register/index' })}
          >
            去注册
          </Button>
        ) : null}
      </View>
    </View>
  )
}
