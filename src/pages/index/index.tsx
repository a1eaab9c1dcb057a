import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import MemberCard from '@/components/MemberCard'
import SignInHint from '@/components/SignInHint'
import ConsentPrompt from '@/components/ConsentPrompt'
import { messageFor } from '@/constants/error-messages'
import { MEMBER_STATUS_LABELS, ROLE_LABELS } from '@/constants/labels'
import { needsSignIn, useSession } from '@/hooks/use-session'
import { hasStaffPermission } from '@/domain/member/roles'
import './index.scss'

const toRegister = () => Taro.navigateTo({ url: '/member/register/index' })
const toReview = () => Taro.navigateTo({ url: '/staff/review/index' })
const toCounter = () => Taro.navigateTo({ url: '/staff/counter/index' })
const toCatalogue = () => Taro.navigateTo({ url: '/staff/catalogue/index' })
const toPointsAdmin = () => Taro.navigateTo({ url: '/staff/points-admin/index' })
const toStarAdmin = () => Taro.navigateTo({ url: '/staff/star-admin/index' })
const toReports = () => Taro.navigateTo({ url: '/staff/reports/index' })
const toAuditLog = () => Taro.navigateTo({ url: '/staff/audit-log/index' })
const toClubReview = () => Taro.navigateTo({ url: '/staff/club-review/index' })
const toMyStar = () => Taro.navigateTo({ url: '/member/star/index' })
const toEventsAdmin = () => Taro.navigateTo({ url: '/staff/events-admin/index' })
const toCheckIn = () => Taro.navigateTo({ url: '/staff/check-in/index' })
const toDiscipline = () => Taro.navigateTo({ url: '/staff/discipline/index' })
const toMySanctions = () => Taro.navigateTo({ url: '/member/sanctions/index' })
const toComplaints = () => Taro.navigateTo({ url: '/staff/complaints/index' })
const toWithdrawals = () => Taro.navigateTo({ url: '/staff/withdrawals/index' })
const toStaffAdmin = () => Taro.navigateTo({ url: '/staff/staff-admin/index' })
const toJoinStaff = () => Taro.navigateTo({ url: '/staff/join/index' })

export default function Home() {
  const { status, me, error } = useSession()

  if (status === 'idle' || (status === 'loading' && !me)) {
    return <View className='page muted'>加载中…</View>
  }
  if (needsSignIn(error)) return <SignInHint />
  if (!me) return <View className='page error-text'>{error ? messageFor(error) : ''}</View>

  const member = me.member
  return (
    <View className='page home'>
      <ConsentPrompt />
      {me.role === 'guest' ? (
        <View className='panel home__welcome'>
          <View className='panel-title'>欢迎加入零售客户俱乐部</View>
          <View className='home__benefits'>
            <View>· 消费积分，兑换代金券</View>
            <View>· 年度星级评定，三星及以上可申请加入俱乐部</View>
            <View>· 俱乐部专属活动：品鉴会、湖畔跑、运动会、总经理见面会</View>
          </View>
          <Button type='primary' block onClick={toRegister}>
            立即注册
          </Button>
          <Button block onClick={toJoinStaff}>
            员工邀请
          </Button>
        </View>
      ) : null}

      {member?.status === 'pending' ? (
        <View className='panel' data-testid='registration-status'>
          <View className='panel-title'>
            注册申请 <Tag type='warning'>{MEMBER_STATUS_LABELS.pending}</Tag>
          </View>
          <View className='muted'>我们会在2个工作日内完成审核，结果将通过服务通知告知您。</View>
        </View>
      ) : null}

      {member?.status === 'rejected' ? (
        <View className='panel' data-testid='registration-status'>
          <View className='panel-title'>
            注册申请 <Tag type='danger'>{MEMBER_STATUS_LABELS.rejected}</Tag>
          </View>
          <View className='home__reason'>原因：{member.rejectReason}</View>
          <Button type='primary' block onClick={toRegister}>
            修改并重新提交
          </Button>
        </View>
      ) : null}

      {member?.status === 'active' ? (
        <View data-testid='registration-status'>
          <View className='panel'>
            <View className='panel-title'>
              {member.realName}，您好 <Tag type='success'>{MEMBER_STATUS_LABELS.active}</Tag>
            </View>
            <View className='muted'>欢迎回来，出示会员卡即可累积积分。</View>
          </View>
          <MemberCard member={member} />
          <Button block onClick={toMyStar}>
            我的星级与俱乐部
          </Button>
        </View>
      ) : null}

      {member?.status === 'suspended' || member?.status === 'cancelled' ? (
        <View className='panel' data-testid='account-status'>
          <View className='panel-title'>
            {member.realName}，您好 <Tag type='danger'>{MEMBER_STATUS_LABELS[member.status]}</Tag>
          </View>
          <View className='home__reason'>
            {member.status === 'suspended'
              ? `账号暂停至 ${member.suspendedUntil ?? '—'}，期间不能累积、兑换积分或报名活动。`
              : '账号已注销，积分已清零，会员卡已作废。'}
          </View>
          <Button block onClick={toMySanctions}>
            查看处分与申诉
          </Button>
        </View>
      ) : null}

      {me.role !== 'guest' && me.role !== 'member' ? (
        <View className='panel'>
          <View className='panel-title'>员工工作台 · {ROLE_LABELS[me.role]}</View>
          <View className='home__staff'>
            {hasStaffPermission(me.role, 'clerk') ? (
              <>
                <Button type='primary' block onClick={toCounter}>
                  门店收银
                </Button>
                <Button type='primary' block onClick={toCheckIn}>
                  活动签到
                </Button>
              </>
            ) : null}
            {hasStaffPermission(me.role, 'reviewer') ? (
              <>
                <Button type='primary' block onClick={toReview}>
                  注册审核
                </Button>
                <Button type='primary' block onClick={toClubReview}>
                  俱乐部审核
                </Button>
                <Button type='primary' block onClick={toComplaints}>
                  投诉处理
                </Button>
                <Button type='primary' block onClick={toWithdrawals}>
                  注销申请
                </Button>
              </>
            ) : null}
            {hasStaffPermission(me.role, 'admin') ? (
              <>
                <Button type='primary' block onClick={toCatalogue}>
                  商品管理
                </Button>
                <Button type='primary' block onClick={toPointsAdmin}>
                  积分管理
                </Button>
                <Button type='primary' block onClick={toStarAdmin}>
                  星级管理
                </Button>
                <Button type='primary' block onClick={toReports}>
                  报表
                </Button>
                <Button type='primary' block onClick={toAuditLog}>
                  审计日志
                </Button>
                <Button type='primary' block onClick={toEventsAdmin}>
                  活动管理
                </Button>
                <Button type='primary' block onClick={toDiscipline}>
                  纪律管理
                </Button>
                <Button type='primary' block onClick={toStaffAdmin}>
                  员工管理
                </Button>
              </>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  )
}
