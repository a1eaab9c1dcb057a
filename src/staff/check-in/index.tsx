import { Button } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { canScan, scanQrCode } from '@/components/CameraScanner'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { checkInCountsOf, useEventsAdminStore } from '@/stores/events-admin.store'
import './index.scss'

/**
 * 活动签到 (clerk): choose the event being held, then scan each member's card QR (or type the code
 * under it): attendance and the event's points at once, once; the live counts stay in view.
 */
export default function CheckInPage() {
  const store = useEventsAdminStore()
  const {
    checkInEvents,
    checkInEventsStatus,
    checkInEventsError,
    checkInEventId,
    checkingIn,
    lastCheckIn,
    checkInError,
  } = store
  const counts = checkInCountsOf(store)
  const [code, setCode] = useState('')

  useDidShow(() => {
    void store.loadCheckInEvents()
  })

  const send = async (text: string) => {
    const failure = await store.checkIn(text)
    if (!failure) setCode('')
  }

  /** The camera scanner (WeChat's, or the browser's camera); the text of the QR is the member code. */
  const onScan = async () => {
    const scanned = await scanQrCode()
    if (!scanned) return
    setCode(scanned)
    await send(scanned)
  }

  const codeError = checkInError?.fields?.code
  const refusal = checkInError && !codeError ? checkInError : null

  return (
    <View className='page check-in'>
      <View className='panel'>
        <View className='panel-title'>选择活动</View>
        {checkInEventsError ? (
          <View className='error-text'>{messageFor(checkInEventsError)}</View>
        ) : null}
        {checkInEventsStatus === 'loading' ? <View className='muted'>加载中…</View> : null}
        {checkInEventsStatus === 'ready' && checkInEvents.length === 0 ? (
          <Empty description='当前没有可签到的活动（活动开始前2小时至结束后1小时内可签到）' />
        ) : null}
        <View className='check-in__events'>
          {checkInEvents.map((event) => (
            <Button
              key={event.id}
              block
              type={event.id === checkInEventId ? 'primary' : 'default'}
              data-testid='checkin-event'
              data-id={event.id}
              onClick={() => store.chooseCheckInEvent(event.id)}
            >
              {event.title}
              <Text className='check-in__event-time'>{formatShanghaiDateTime(event.startAt)}</Text>
            </Button>
          ))}
        </View>
      </View>

      {counts ? (
        <View className='panel'>
          <View className='check-in__counts' data-testid='checkin-counts'>
            <View>
              已签到 <Text className='check-in__count'>{counts.checkedIn}</Text>
            </View>
            <View>
              已确认 <Text className='check-in__count'>{counts.confirmed}</Text>
            </View>
            <View className='muted'>名额 {counts.capacity}</View>
          </View>
          <TextField
            name='code'
            label='会员码'
            error={codeError}
            maxlength={200}
            placeholder='扫描会员码，或输入二维码下方的22位数字'
            value={code}
            onChange={(value) => setCode(value)}
          />
          <View className='check-in__row'>
            {canScan() ? (
              <Button type='primary' loading={checkingIn} onClick={() => void onScan()}>
                扫码
              </Button>
            ) : null}
            <Button type='primary' loading={checkingIn} onClick={() => void send(code)}>
              签到
            </Button>
            <Button onClick={() => void store.loadCheckInEvents()}>刷新</Button>
          </View>
        </View>
      ) : null}

      {lastCheckIn ? (
        <View className='panel check-in__result' data-testid='checkin-result'>
          <View className='check-in__result-name'>{lastCheckIn.realName} 签到成功</View>
          <View className='muted'>{formatCardNumber(lastCheckIn.cardNo)}</View>
          <View className='check-in__result-points'>
            {lastCheckIn.points > 0 ? `+${lastCheckIn.points} 积分` : '本活动无签到积分'}
            {lastCheckIn.points > 0 ? (
              <Text className='muted'>（余额 {lastCheckIn.balance}）</Text>
            ) : null}
          </View>
          <View>
            已签到 {lastCheckIn.checkedIn} / 已确认 {lastCheckIn.confirmed}
          </View>
        </View>
      ) : null}

      {refusal ? (
        <View className='panel check-in__refusal' data-testid='checkin-error'>
          {refusal.fields?.eventId ? '请先选择活动' : messageFor(refusal)}
        </View>
      ) : null}
    </View>
  )
}
