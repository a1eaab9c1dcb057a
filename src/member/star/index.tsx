import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import SignInHint from '@/components/SignInHint'
import { messageFor } from '@/constants/error-messages'
import StarBadge from '@/components/StarBadge'
import { CLUB_STATE_LABELS, STAR_SOURCE_LABELS, starText } from '@/constants/labels'
import type { ClubView, StarOverview } from '@/contracts/star-club'
import { CLUB_MIN_STAR } from '@/domain/star/star'
import { needsSignIn } from '@/hooks/use-session'
import { useSubscribe } from '@/hooks/use-subscribe'
import { useStarStore } from '@/stores/star.store'
import './index.scss'

/** What the member's club standing means and what happens next, in their words. */
function clubOutlook(club: ClubView, overview: StarOverview): string {
  switch (club.state) {
    case 'applied':
      return '入会申请已提交，审核结果将通过服务通知告知您。'
    case 'active':
      return '您是俱乐部会员，可报名俱乐部专属活动、使用建议箱。年度星级低于三星将进入一年宽限期。'
    case 'grace':
      return `您在宽限期内，仍享有俱乐部权益；宽限期至 ${club.graceEndsOn}，届时年度星级仍低于三星将退出俱乐部，达到三星则恢复正式会员。`
    case 'exited':
    case 'withdrawn':
    case 'rejected':
    case 'none':
      return club.canApply
        ? '您已达到三星，可申请加入俱乐部。'
        : `${overview.year}年达到${CLUB_MIN_STAR}星及以上即可申请加入俱乐部。`
    default:
      return '当前账号状态不能申请加入俱乐部。'
  }
}

/**
 * 我的星级: this year's star, progress toward the next (qualifying points earned this year
 * against the thresholds), the history by year, and the club: standing, next step, apply/leave.
 */
export default function StarPage() {
  const { overview, status, error, busy, load, applyClub, leaveClub } = useStarStore()
  const subscribe = useSubscribe(['review', 'star'])

  useDidShow(() => {
    void load()
  })

  if (needsSignIn(error)) return <SignInHint />
  if (!overview) {
    return (
      <View className='page muted'>
        {status === 'error' && error ? messageFor(error) : '加载中…'}
      </View>
    )
  }

  const { progress, club } = overview
  const next = progress.next
  const percent = next ? Math.min(100, Math.floor((progress.points / next.threshold) * 100)) : 100

  const onApply = async () => {
    const accepted = await subscribe.ask()
    const failure = await applyClub()
    if (!failure) void subscribe.report(accepted)
    await Taro.showToast({
      title: failure ? messageFor(failure) : '申请已提交',
      icon: failure ? 'none' : 'success',
    })
  }

  const onLeave = async () => {
    const answer = await Taro.showModal({
      title: '退出俱乐部',
      content: '退出后不能报名俱乐部专属活动；会员身份与积分不受影响。确定退出吗？',
    })
    if (!answer.confirm) return
    const failure = await leaveClub()
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已退出俱乐部',
      icon: failure ? 'none' : 'success',
    })
  }

  return (
    <View className='page star-page'>
      <View className='panel' data-testid='my-star'>
        <View className='panel-title'>{overview.year}年星级</View>
        <StarBadge star={overview.star} withBenefits />
        {overview.star ? null : <View className='star-page__stars'>{starText(null)}</View>}
        <View className='muted'>星级每年1月1日按上一年获得的积分评定一次。</View>
      </View>

      <View className='panel' data-testid='star-progress'>
        <View className='panel-title'>今年的积累</View>
        <View>
          {overview.year}年已获得{' '}
          <Text className='star-page__points' data-testid='year-points'>
            {progress.points}
          </Text>{' '}
          分（兑换不扣减）
        </View>
        <View className='star-page__bar'>
          <View className='star-page__bar-fill' style={{ width: `${percent}%` }} />
        </View>
        <View className='muted'>
          {next
            ? `再获得 ${next.missing} 分，明年可评为 ${next.star} 星（门槛 ${next.threshold} 分）`
            : '已达到最高星级门槛，明年可评为 5 星'}
        </View>
        <View className='muted'>
          门槛：
          {overview.thresholds.map((t, i) => `${i + 2}星 ${t}分`).join(' · ')}
        </View>
      </View>

      <View className='panel' data-testid='club-status'>
        <View className='panel-title'>
          俱乐部
          <Tag type={club.state === 'active' || club.state === 'grace' ? 'success' : 'default'}>
            {CLUB_STATE_LABELS[club.state]}
          </Tag>
        </View>
        <View className='muted'>{clubOutlook(club, overview)}</View>
        {club.reason ? <View className='error-text'>原因：{club.reason}</View> : null}
        <View className='star-page__actions'>
          {club.canApply ? (
            <Button type='primary' block loading={busy} onClick={onApply}>
              申请加入俱乐部
            </Button>
          ) : null}
          {club.state === 'active' || club.state === 'grace' ? (
            <>
              <Button
                type='primary'
                block
                onClick={() => Taro.navigateTo({ url: '/member/suggestions/index' })}
              >
                俱乐部建议箱
              </Button>
              <Button block loading={busy} onClick={onLeave}>
                退出俱乐部
              </Button>
            </>
          ) : null}
        </View>
      </View>

      <View className='panel' data-testid='star-history'>
        <View className='panel-title'>历年星级</View>
        {overview.history.length === 0 ? (
          <Empty description='暂无记录' />
        ) : (
          overview.history.map((item) => (
            <View className='star-page__row' key={item.year}>
              <View>
                {item.year}年 {starText(item.star)}
              </View>
              <View className='muted'>
                {STAR_SOURCE_LABELS[item.source]}
                {item.reason ? `：${item.reason}` : ''}
              </View>
            </View>
          ))
        )}
      </View>
    </View>
  )
}
