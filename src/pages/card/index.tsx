import { Button, Tag } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useLayoutEffect, useMemo, useState } from 'react'
import { qrDataUrl } from '@/components/QrCode/qr-data-url'
import SignInHint from '@/components/SignInHint'
import { messageFor } from '@/constants/error-messages'
import { starText } from '@/constants/labels'
import { CODE_STEP_SECONDS, formatDigitCode, secondsToNextStep } from '@/domain/card/card-code'
import { formatCardNumber } from '@/domain/card/card-number'
import { needsSignIn, useSession } from '@/hooks/use-session'
import { useCardStore } from '@/stores/card.store'
import { INSTANT_CARD_ID } from '@/instant-card/instant-card-id'
import './index.scss'
import PageTabBar from '@/components/PageTabBar'

/** Keeps the screen bright while the code is shown (mini-program only), and restores it after. */
function useBrightScreen() {
  useDidShow(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    void Taro.getScreenBrightness().then(({ value }) => {
      Taro.setStorageSync('club-brightness', value)
      void Taro.setScreenBrightness({ value: 1 })
    })
  })
  useDidHide(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const value = Taro.getStorageSync('club-brightness') as number | ''
    if (value !== '') void Taro.setScreenBrightness({ value })
  })
}

/** 会员卡: the dynamic code a clerk scans, refreshed every 30 s and made on the phone, offline too. */
function CardPageContent() {
  const { error: sessionError, me } = useSession()
  const { card, error, syncing, syncedAt, sync, rekey, codeAt, digitsAt, serverTimeAt } =
    useCardStore()
  const [now, setNow] = useState(() => new Date())
  useBrightScreen()
  useDidShow(() => {
    void sync()
  })
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(timer)
  }, [])

  const code = codeAt(now)
  const digits = digitsAt(now)
  const qr = useMemo(() => (code ? qrDataUrl(code) : null), [code])
  // The code's 30 s steps run by the server's clock, and so does the countdown to the next one.
  const left = secondsToNextStep(serverTimeAt(now))

  if (needsSignIn(sessionError)) return <SignInHint />
  if (!card) {
    return (
      <View className='page'>
        <View className='panel'>
          <View className='panel-title'>还没有会员卡</View>
          <View className='muted'>
            {error && error.code !== 'AUTH.NOT_A_MEMBER'
              ? messageFor(error)
              : '注册成为会员并通过审核后，即可领取会员卡。'}
          </View>
          <Button
            type='primary'
            block
            onClick={() => Taro.navigateTo({ url: '/member/register/index' })}
          >
            去注册
          </Button>
        </View>
      </View>
    )
  }

  const onRekey = async () => {
    const answer = await Taro.showModal({
      title: '挂失补卡',
      content: '补卡后，旧手机或截图上的会员码立即失效；卡号、积分和记录不变。确定补卡？',
    })
    if (!answer.confirm) return
    const failure = await rekey()
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已补卡，请使用新的会员码',
      icon: failure ? 'none' : 'success',
    })
  }

  return (
    <View className='page card-page'>
      <View className='card-page__face'>
        <View className='card-page__head'>
          <Text>零售客户俱乐部 · 会员卡</Text>
          <Text className='card-page__star'>
            {card.starYear}年 {starText(card.star)}
          </Text>
        </View>
        <View className='card-page__name'>
          {card.realName}
          {card.clubState === 'active' || card.clubState === 'grace' ? (
            <Text className='card-page__club' data-testid='club-badge'>
              俱乐部会员
            </Text>
          ) : null}
        </View>
        <View className='card-page__number' data-testid='card-number'>
          {formatCardNumber(card.cardNo)}
        </View>
      </View>

      <View className='panel card-page__code'>
        {card.usable && qr ? (
          <View>
            <Image
              className='card-page__qr'
              src={qr}
              mode='scaleToFill'
              data-testid='card-qr'
              data-code={code}
            />
            <View className='card-page__text'>
              <Text className='card-page__digits' data-testid='card-code' selectable>
                {digits ? formatDigitCode(digits) : ''}
              </Text>
              <View className='muted'>扫码失败时，请把这串数字读给店员</View>
            </View>
            <View className='card-page__bar'>
              <View
                className='card-page__bar-fill'
                style={{ width: `${(left / CODE_STEP_SECONDS) * 100}%` }}
              />
            </View>
            <View className='muted'>{left} 秒后自动刷新 · 仅限本人出示，截图无效</View>
          </View>
        ) : (
          <View className='card-page__unusable' data-testid='card-unusable'>
            <Tag type='danger'>不可用</Tag>
            <View className='muted'>
              {me?.member?.suspendedUntil
                ? `账号暂停至 ${me.member.suspendedUntil}，期间会员卡不可使用。`
                : '该会员卡当前不可使用，如有疑问请联系会员部。'}
            </View>
          </View>
        )}
      </View>

      <View className='card-page__actions'>
        <Button size='small' loading={syncing} onClick={() => void sync()}>
          刷新
        </Button>
        <Button size='small' onClick={() => void onRekey()}>
          挂失补卡
        </Button>
      </View>
      {error?.code === 'NETWORK' && syncedAt ? (
        <View className='muted card-page__offline'>
          网络不佳：正在使用 {syncedAt.slice(0, 16).replace('T', ' ')}{' '}
          同步的会员卡，会员码仍可使用。
        </View>
      ) : null}
    </View>
  )
}

/** 会员卡, with the bottom bar of the signed-in role. */
export default function CardPage() {
  // The QR the H5 page showed before the app (src/instant-card) gives way to this page's, in the
  // same commit: never two on screen, never none.
  useLayoutEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById(INSTANT_CARD_ID)?.remove()
  }, [])
  return (
    <>
      <CardPageContent />
      <PageTabBar current='pages/card/index' />
    </>
  )
}
