import { Button, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import FactRows from '@/components/FactRows'
import MemberCard from '@/components/MemberCard'
import SignInHint from '@/components/SignInHint'
import StarMoment from '@/components/StarMoment'
import ConsentPrompt from '@/components/ConsentPrompt'
import { messageFor } from '@/constants/error-messages'
import { MEMBER_STATUS_LABELS, ROLE_LABELS } from '@/constants/labels'
import { needsSignIn, useSession } from '@/hooks/use-session'
import { hasStaffPermission, type StaffRole } from '@/domain/member/roles'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useWorkbenchStore } from '@/stores/workbench.store'
import './index.scss'
import PageTabBar from '@/components/PageTabBar'

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
const toDemoClock = () => Taro.navigateTo({ url: '/staff/demo-clock/index' })

/** What a member gets (SPEC §3–§7), said the way a shop owner asks it. */
const BENEFITS: [string, string][] = [
  ['消费即积分', '每实付1元积1分，生日当天双倍'],
  ['积分兑好礼', '¥20–¥100 代金券，到店直接抵扣'],
  ['年度星级', '一至五星，每年1月1日按上年积分评定'],
  ['俱乐部专属', '三星及以上可申请：品鉴会、湖畔跑、运动会、总经理见面会'],
]
/** The path from here to a card in hand. */
const STEPS = ['填写店铺与许可证信息', '会员部2个工作日内审核', '领取会员卡，到店出示即积分']

/** A guest's home: what the club gives, how to join, and the door for invited staff. */
function GuestWelcome() {
  return (
    <View data-testid='guest-welcome'>
      <View className='home__hero'>
        <View className='home__hero-title'>零售客户俱乐部</View>
        <View className='home__hero-line'>为合作零售户打造的会员计划</View>
      </View>
      <View className='panel'>
        <View className='home__benefit-grid'>
          {BENEFITS.map(([title, line]) => (
            <View className='home__benefit' key={title} data-testid='benefit'>
              <View className='home__benefit-title'>{title}</View>
              <View className='muted'>{line}</View>
            </View>
          ))}
        </View>
      </View>
      <View className='panel'>
        <View className='panel-title'>三步加入</View>
        {STEPS.map((step, i) => (
          <View className='home__step' key={step} data-testid='join-step'>
            <Text className='home__step-no'>{i + 1}</Text>
            <Text>{step}</Text>
          </View>
        ))}
        <Button type='primary' block onClick={toRegister}>
          立即注册
        </Button>
        <View className='home__staff-door'>
          <Button fill='none' size='small' onClick={toJoinStaff}>
            员工邀请
          </Button>
          <View className='muted'>供应商员工凭管理员发放的邀请码开通员工账号</View>
        </View>
      </View>
    </View>
  )
}

/** A tool of the workbench: a tile that opens its page, with what waits there when anything does. */
type Tool = { label: string; open: () => unknown; waiting?: number; urgent?: boolean }

function ToolTiles(props: { title: string; tools: Tool[] }) {
  return (
    <View className='home__group'>
      <View className='home__group-title'>{props.title}</View>
      <View className='home__tiles'>
        {props.tools.map((tool) => (
          <Button key={tool.label} className='home__tile' onClick={tool.open}>
            {tool.label}
            {tool.waiting ? (
              <Text
                className={`home__count${tool.urgent ? ' home__count--urgent' : ''}`}
                data-testid='tool-count'
              >
                {tool.waiting}
              </Text>
            ) : null}
          </Button>
        ))}
      </View>
    </View>
  )
}

/** What each role is for, in a line (SPEC §1). */
const ROLE_DUTIES: Record<StaffRole, string> = {
  clerk: '扫码收银积分、核销兑换券、活动现场签到',
  reviewer: '审核注册与俱乐部申请、处理投诉与注销申请',
  admin: '全部员工功能，以及活动、商品、积分、星级、报表、纪律与员工管理',
}

/** 员工工作台: who I am, what waits for me, and my tools by area, in a grid. */
function StaffWorkbench(props: { role: StaffRole }) {
  const { view, load } = useWorkbenchStore()
  // Mounted once the session is known (after the page's first show), and shown again later.
  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => {
    void load()
  })
  const queues = view?.queues ?? null
  return (
    <View className='panel home__workbench' data-testid='workbench'>
      <View className='home__staff-head'>
        <View className='panel-title'>员工工作台</View>
        <View data-testid='staff-identity'>
          {view?.name ?? ''} · {ROLE_LABELS[props.role]}
        </View>
        <View className='muted'>{ROLE_DUTIES[props.role]}</View>
      </View>
      {view?.today ? (
        <View className='home__today' data-testid='today-tally'>
          <View className='home__today-item'>
            <Text className='home__today-number'>{view.today.sales}</Text>
            <Text className='muted'>今日收银（笔）</Text>
          </View>
          <View className='home__today-item'>
            <Text className='home__today-number'>{view.today.checkIns}</Text>
            <Text className='muted'>今日签到（人）</Text>
          </View>
        </View>
      ) : null}
      {hasStaffPermission(props.role, 'clerk') ? (
        <ToolTiles
          title='门店与活动现场'
          tools={[
            { label: '门店收银', open: toCounter },
            { label: '活动签到', open: toCheckIn, waiting: view?.openCheckIns },
          ]}
        />
      ) : null}
      {hasStaffPermission(props.role, 'reviewer') ? (
        <ToolTiles
          title='审核与服务'
          tools={[
            { label: '注册审核', open: toReview, waiting: queues?.registrations },
            { label: '俱乐部审核', open: toClubReview, waiting: queues?.clubApplications },
            {
              label: '投诉处理',
              open: toComplaints,
              waiting: queues?.openComplaints,
              urgent: (queues?.overdueComplaints ?? 0) > 0,
            },
            { label: '注销申请', open: toWithdrawals, waiting: queues?.withdrawals },
          ]}
        />
      ) : null}
      {hasStaffPermission(props.role, 'admin') ? (
        <ToolTiles
          title='管理'
          tools={[
            { label: '活动管理', open: toEventsAdmin },
            { label: '商品管理', open: toCatalogue },
            { label: '积分管理', open: toPointsAdmin },
            { label: '星级管理', open: toStarAdmin },
            { label: '报表', open: toReports },
            { label: '审计日志', open: toAuditLog },
            { label: '纪律管理', open: toDiscipline },
            { label: '员工管理', open: toStaffAdmin },
            // The local host's demo clock: H5 only, the mini-program's CloudBase has no demo function.
            ...(process.env.TARO_ENV === 'h5' ? [{ label: '演示时钟', open: toDemoClock }] : []),
          ]}
        />
      ) : null}
    </View>
  )
}

function HomeContent() {
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
      {me.role === 'guest' ? <GuestWelcome /> : null}

      {member?.status === 'pending' ? (
        <View className='panel' data-testid='registration-status'>
          <View className='panel-title'>
            注册申请 <Tag type='warning'>{MEMBER_STATUS_LABELS.pending}</Tag>
          </View>
          <View className='muted'>我们会在2个工作日内完成审核，结果将通过服务通知告知您。</View>
          <View className='home__sent' data-testid='application'>
            <FactRows
              rows={[
                ['姓名', member.realName],
                ['手机号', member.mobileMasked],
                ['店铺名称', member.shopName],
                ['店铺地址', member.shopAddress],
                ['许可证号', member.licenceMasked],
                ['出生日期', member.birthday],
                ['提交时间', formatShanghaiDateTime(member.submittedAt)],
              ]}
            />
          </View>
          <Button block onClick={toRegister}>
            修改申请
          </Button>
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
          <StarMoment member={member} />
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

      {me.role !== 'guest' && me.role !== 'member' ? <StaffWorkbench role={me.role} /> : null}
    </View>
  )
}

/** 首页 (a member's home, a staff member's workbench), with the bottom bar of the signed-in role. */
export default function Home() {
  return (
    <>
      <HomeContent />
      <PageTabBar current='pages/index/index' />
    </>
  )
}
