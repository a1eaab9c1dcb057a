import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

/**
 * Shown when there is no identity. In the mini-program WeChat always provides one, so this only
 * appears on the local host (H5), where a developer picks a demo identity.
 */
export default function SignInHint() {
  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>尚未登录</View>
        <View className='muted'>本地开发环境：请先选择一个演示身份。</View>
        {process.env.TARO_ENV === 'h5' ? (
          <Button type='primary' block onClick={() => window.location.assign('/dev/login')}>
            选择身份
          </Button>
        ) : null}
      </View>
    </View>
  )
}
