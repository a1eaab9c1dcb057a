import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import SignInHint from '@/components/SignInHint'
import { messageFor } from '@/constants/error-messages'
import { CLUB_STATE_LABELS, MEMBER_STATUS_LABELS, ROLE_LABELS, starText } from '@/constants/labels'
import { needsSignIn, useSession } from '@/hooks/use-session'
import { formatCardNumber } from '@/domain/card/card-number'

export default function MinePage() {
  const { me, error } = useSession()
  if (needsSignIn(error)) return <SignInHint />
  const member = me?.member
  return (
    <View className='page'>
      {member ? (
        <CellGroup title='我的资料'>
          <Cell title='姓名' extra={member.realName} />
          <Cell title='状态' extra={MEMBER_STATUS_LABELS[member.status]} />
          <Cell
            title='会员卡号'
            extra={member.cardNo ? formatCardNumber(member.cardNo) : '审核通过后发放'}
          />
          <Cell title='手机号' extra={member.mobileMasked} />
          <Cell title='店铺' extra={member.shopName} />
          <Cell title='店铺地址' extra={member.shopAddress} />
          <Cell title='烟草专卖零售许可证' extra={member.licenceMasked} />
          <Cell title='出生日期' extra={member.birthday} />
          {member.referralCode ? <Cell title='我的推荐码' extra={member.referralCode} /> : null}
          {member.status === 'active' ? (
            <Cell
              title='星级与俱乐部'
              extra={`${starText(member.star)} · ${CLUB_STATE_LABELS[member.clubState]}`}
              onClick={() => Taro.navigateTo({ url: '/pages/star/index' })}
            />
          ) : null}
          <Cell
            title='会员协议与隐私政策'
            extra={`已同意 ${member.consentVersion} 版`}
            onClick={() => Taro.navigateTo({ url: '/pages/agreement/index' })}
          />
        </CellGroup>
      ) : me ? (
        <View className='panel'>
          <View className='panel-title'>{ROLE_LABELS[me.role]}</View>
          <View className='muted'>
            {me.role === 'guest' ? '您还不是会员。' : '员工账号不能同时注册为会员。'}
          </View>
        </View>
      ) : null}
      {me?.role === 'guest' ? (
        <Button
          type='primary'
          block
          onClick={() => Taro.navigateTo({ url: '/pages/register/index' })}
        >
          立即注册
        </Button>
      ) : null}
      {process.env.TARO_ENV === 'h5' ? (
        <View className='panel' style={{ marginTop: '24px' }}>
          <View className='muted'>本地开发环境</View>
          <Button block onClick={() => window.location.assign('/dev/login')}>
            切换身份
          </Button>
        </View>
      ) : null}
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
    </View>
  )
}
