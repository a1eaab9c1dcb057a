import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import SignInHint from '@/components/SignInHint'
import ConsentPrompt from '@/components/ConsentPrompt'
import { messageFor } from '@/constants/error-messages'
import { CLUB_STATE_LABELS, MEMBER_STATUS_LABELS, ROLE_LABELS, starText } from '@/constants/labels'
import { needsSignIn, useSession } from '@/hooks/use-session'
import { useSubscribe } from '@/hooks/use-subscribe'
import { formatCardNumber } from '@/domain/card/card-number'
import type { StaffRole } from '@/domain/member/roles'
import { shanghaiDate } from '@/domain/shared/calendar'
import PageTabBar from '@/components/PageTabBar'

/** What each staff role may do, as the staff 我的 page says it (SPEC §1; the 工作台 on 首页). */
const STAFF_TOOLS: Record<StaffRole, string> = {
  clerk: '门店收银（核验会员码、录入消费、核销兑换券）、活动签到',
  reviewer: '注册审核（含挂失补卡）、俱乐部申请、投诉与建议、注销申请',
  admin: '店员与审核员的全部工具，以及商品与积分管理、星级、活动、纪律、报表、审计日志和员工管理',
}

/** 消息订阅 asks for points (earned, expiring), star and club news, and new events: 3 at most. */
const MINE_SUBSCRIPTIONS = ['points', 'star', 'eventNew'] as const

const sendsLeft = (credits: Partial<Record<string, number>>) =>
  Object.values(credits).reduce<number>((sum, n) => sum + (n ?? 0), 0)

function MinePageContent() {
  const { me, error } = useSession()
  const subscribe = useSubscribe(MINE_SUBSCRIPTIONS)
  if (needsSignIn(error)) return <SignInHint />
  const member = me?.member
  return (
    <View className='page'>
      <ConsentPrompt />
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
          {member.sanctionCount > 0 ||
          member.status === 'suspended' ||
          member.status === 'cancelled' ? (
            <Cell
              title='我的处分'
              extra={
                member.suspendedUntil
                  ? `暂停至 ${member.suspendedUntil}`
                  : `${member.sanctionCount} 条`
              }
              onClick={() => Taro.navigateTo({ url: '/member/sanctions/index' })}
            />
          ) : null}
          {member.status === 'active' ? (
            <Cell
              title='星级与俱乐部'
              extra={`${starText(member.star)} · ${CLUB_STATE_LABELS[member.clubState]}`}
              onClick={() => Taro.navigateTo({ url: '/member/star/index' })}
            />
          ) : null}
          {member.status === 'active' || member.status === 'suspended' ? (
            <Cell
              title='投诉与建议'
              onClick={() => Taro.navigateTo({ url: '/member/complaints/index' })}
            />
          ) : null}
          <Cell
            title='消息订阅'
            extra={`可接收 ${sendsLeft(subscribe.credits)} 条`}
            onClick={async () => {
              const accepted = await subscribe.ask()
              const failure = await subscribe.report(accepted)
              await Taro.showToast({
                title: failure ? messageFor(failure) : `已订阅${accepted.length}类消息`,
                icon: failure || accepted.length === 0 ? 'none' : 'success',
              })
            }}
          />
          <Cell
            title='会员协议与隐私政策'
            extra={`已同意 ${member.consentVersion} 版`}
            onClick={() => Taro.navigateTo({ url: '/member/agreement/index' })}
          />
          <Cell
            title='我的数据'
            extra='查看、更正、导出、注销'
            onClick={() => Taro.navigateTo({ url: '/member/my-data/index' })}
          />
        </CellGroup>
      ) : me?.staff ? (
        <CellGroup title='我的员工账号'>
          <View data-testid='staff-profile'>
            <Cell title='姓名' extra={me.staff.name} />
            <Cell title='角色' extra={ROLE_LABELS[me.staff.role]} />
            {me.staff.site ? <Cell title='门店' extra={me.staff.site} /> : null}
            <Cell title='开通日期' extra={shanghaiDate(new Date(me.staff.since))} />
            <Cell title='可以使用' description={STAFF_TOOLS[me.staff.role]} />
            <Cell
              title='前往工作台'
              extra='首页'
              onClick={() => Taro.switchTab({ url: '/pages/index/index' })}
            />
          </View>
          <View className='muted' style={{ padding: '16px 24px' }}>
            员工与会员不能使用同一个微信号；如需调整角色，请联系管理员。
          </View>
        </CellGroup>
      ) : me ? (
        <View className='panel'>
          <View className='panel-title'>{ROLE_LABELS[me.role]}</View>
          <View className='muted'>您还不是会员。</View>
        </View>
      ) : null}
      {me?.role === 'guest' ? (
        <Button
          type='primary'
          block
          onClick={() => Taro.navigateTo({ url: '/member/register/index' })}
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
          <Button block onClick={() => window.location.assign('/dev/inbox')}>
            消息收件箱
          </Button>
        </View>
      ) : null}
      {error ? <View className='error-text'>{messageFor(error)}</View> : null}
    </View>
  )
}

/** 我的, with the bottom bar of the signed-in role. */
export default function MinePage() {
  return (
    <>
      <MinePageContent />
      <PageTabBar current='pages/mine/index' />
    </>
  )
}
