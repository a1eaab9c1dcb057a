import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { messageFor } from '@/constants/error-messages'
import { needsReconsent } from '@/domain/privacy/consent'
import { isClosedAccount } from '@/domain/privacy/withdrawal'
import { useConsentStore } from '@/stores/consent.store'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const toAgreement = () => Taro.navigateTo({ url: '/member/agreement/index' })

/**
 * 请阅读并同意新版隐私政策 (SPEC §2, §9): shown on the home and mine pages while the member agreed to
 * an older version of the member agreement and privacy policy than the one in force.
 */
export default function ConsentPrompt() {
  const me = useSessionStore((s) => s.me)
  const loadSession = useSessionStore((s) => s.load)
  const consenting = useConsentStore((s) => s.consenting)
  const member = me?.member
  if (!me || !member || isClosedAccount(member.status)) return null
  if (!needsReconsent(member.consentVersion, me.policyVersion)) return null

  const onAgree = async () => {
    const failure = await useConsentStore.getState().consent(me.policyVersion)
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已同意新版政策',
      icon: failure ? 'none' : 'success',
    })
    if (!failure) await loadSession()
  }

  return (
    <View className='panel consent-prompt' data-testid='consent-prompt'>
      <View className='panel-title'>请阅读并同意新版隐私政策</View>
      <View className='muted'>
        会员协议与隐私政策已更新为 {me.policyVersion} 版（您此前同意的是 {member.consentVersion}{' '}
        版），请阅读后确认同意。
      </View>
      <View className='consent-prompt__buttons'>
        <Button onClick={toAgreement}>阅读新版政策</Button>
        <Button type='primary' loading={consenting} onClick={onAgree}>
          同意
        </Button>
      </View>
    </View>
  )
}
