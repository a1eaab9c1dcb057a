import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { canScan, scanQrCode } from '@/components/CameraScanner'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { ROLE_LABELS } from '@/constants/labels'
import { useJoinStaffStore } from '@/stores/staff-join.store'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

/**
 * 接受员工邀请 (anyone signed in without an account): the invitee types the admin's code, or scans
 * its QR, and becomes staff with the invited role and name. A WeChat account registered as a
 * member cannot become staff (SPEC §1); the refusal says so.
 */
export default function JoinStaffPage() {
  const { submitting, joined, error, accept } = useJoinStaffStore()
  const loadSession = useSessionStore((s) => s.load)
  const [code, setCode] = useState('')

  const send = async (text: string) => {
    const failure = await accept(text)
    if (!failure) await loadSession()
  }

  const onScan = async () => {
    const scanned = await scanQrCode()
    if (!scanned) return
    setCode(scanned)
    await send(scanned)
  }

  if (joined) {
    return (
      <View className='page join-staff'>
        <View className='panel' data-testid='joined-staff'>
          <View className='panel-title'>欢迎加入</View>
          <View className='join-staff__done'>
            {joined.name}，您已成为{ROLE_LABELS[joined.role]}
          </View>
          <Button
            type='primary'
            block
            onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}
          >
            进入员工工作台
          </Button>
        </View>
      </View>
    )
  }

  const codeError = error?.fields?.code
  const refusal = error && !codeError ? error : null
  return (
    <View className='page join-staff'>
      <View className='panel'>
        <View className='panel-title'>接受员工邀请</View>
        <View className='muted'>
          请输入管理员给您的邀请码，或扫描邀请二维码。邀请码只能使用一次，48小时内有效。员工与会员不能使用同一微信号。
        </View>
        <TextField
          name='inviteCode'
          label='邀请码'
          required
          maxlength={40}
          placeholder='例如 ABCDE-FGHJK-MNPQR-STVWX'
          value={code}
          error={codeError}
          onChange={setCode}
        />
        <View className='join-staff__row'>
          {canScan() ? (
            <Button loading={submitting} onClick={() => void onScan()}>
              扫码
            </Button>
          ) : null}
          <Button type='primary' loading={submitting} onClick={() => void send(code)}>
            接受邀请
          </Button>
        </View>
        {refusal ? (
          <View className='error-text' data-testid='join-error'>
            {messageFor(refusal)}
          </View>
        ) : null}
      </View>
    </View>
  )
}
