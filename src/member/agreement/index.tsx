import { View } from '@tarojs/components'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'

/** The member agreement and privacy policy summary the applicant consents to (SPEC §2, §9). */
export default function AgreementPage() {
  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>会员协议与隐私政策（{CURRENT_POLICY_VERSION} 版）</View>
        <View className='muted'>1. 本俱乐部面向持有烟草专卖零售许可证、年满18周岁的零售户。</View>
        <View className='muted'>
          2.
          我们收集：姓名、手机号（经微信授权）、店铺名称与地址、许可证号、出生日期，用于会员身份核验、积分与星级评定、活动通知；不收集身份证号。
        </View>
        <View className='muted'>3. 手机号与许可证号加密存储，列表中脱敏显示。</View>
        <View className='muted'>
          4. 您可随时查看、更正、导出个人信息，或申请注销；注销后积分清零、个人信息删除或匿名化。
        </View>
        <View className='muted'>5. 积分不可转让；兑换后不支持退换。</View>
      </View>
    </View>
  )
}
