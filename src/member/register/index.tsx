import { Button, Checkbox } from '@nutui/nutui-react-taro'
import { Button as TaroButton, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { ARRIVAL_CHANNELS, type ArrivalChannel } from '@/domain/member/member'
import { useSubscribe } from '@/hooks/use-subscribe'
import { useSessionStore } from '@/stores/session.store'
import { useRegistrationStore, type RegistrationDraft } from '@/stores/registration.store'
import { latestAdultBirthday } from '@/domain/member/registration'
import './index.scss'

const EMPTY: RegistrationDraft = {
  realName: '',
  mobile: '',
  phoneCode: '',
  shopName: '',
  shopAddress: '',
  licenceNo: '',
  birthday: '',
  consentVersion: '',
  referralCode: '',
  channel: '',
  consentAccepted: false,
}

const TEXT_FIELDS: {
  name: keyof RegistrationDraft
  label: string
  placeholder: string
  type?: 'number' | 'text'
  maxlength: number
}[] = [
  { name: 'realName', label: '真实姓名', placeholder: '与许可证一致的姓名', maxlength: 20 },
  { name: 'shopName', label: '店铺名称', placeholder: '例如：建国便利店', maxlength: 40 },
  { name: 'shopAddress', label: '店铺地址', placeholder: '省市区及详细地址', maxlength: 100 },
  {
    name: 'licenceNo',
    label: '烟草专卖零售许可证号',
    placeholder: '许可证上的编号，如 320102100123',
    maxlength: 20,
  },
]

const isChannel = (v: string | undefined): v is ArrivalChannel =>
  (ARRIVAL_CHANNELS as readonly string[]).includes(v ?? '')

export default function RegisterPage() {
  const router = useRouter()
  const me = useSessionStore((s) => s.me)
  const loadSession = useSessionStore((s) => s.load)
  const { submitting, fieldErrors, error, submit, clearField } = useRegistrationStore()
  const [draft, setDraft] = useState<RegistrationDraft>(EMPTY)
  const subscribe = useSubscribe(['review'])

  useEffect(() => {
    if (!me) void loadSession()
  }, [me, loadSession])

  // A pending or rejected applicant corrects their submission instead of starting over.
  useEffect(() => {
    const previous = me?.member?.resubmitForm
    const channel = isChannel(router.params.channel) ? router.params.channel : ''
    const referralCode = router.params.ref ?? ''
    if (previous) {
      setDraft({
        ...EMPTY,
        ...previous,
        referralCode: previous.referralCode ?? '',
        channel: previous.channel ?? channel,
      })
    } else {
      setDraft((d) => ({
        ...d,
        channel: d.channel || channel,
        referralCode: d.referralCode || referralCode,
      }))
    }
  }, [me, router.params.channel, router.params.ref])

  const update = (name: keyof RegistrationDraft, value: string | boolean) => {
    setDraft((d) => ({ ...d, [name]: value }))
    clearField(
      name === 'consentAccepted' ? 'consentVersion' : name === 'phoneCode' ? 'mobile' : name,
    )
  }

  const onSubmit = async () => {
    if (!me) return
    // WeChat opens the subscribe dialog only from the tap, so it comes before the submission.
    const accepted = await subscribe.ask()
    const done = await submit(draft, me.policyVersion)
    if (done) {
      await subscribe.report(accepted)
      await Taro.showToast({ title: '提交成功，等待审核', icon: 'success' })
      await loadSession()
      await Taro.switchTab({ url: '/pages/index/index' })
    } else if (useRegistrationStore.getState().error) {
      await Taro.showToast({
        title: messageFor(useRegistrationStore.getState().error!),
        icon: 'none',
      })
    }
  }

  const rejected = me?.member?.status === 'rejected'
  const pending = me?.member?.status === 'pending'
  return (
    <View className='page register'>
      {rejected ? (
        <View className='panel register__rejected'>上次申请未通过：{me?.member?.rejectReason}</View>
      ) : null}
      {pending ? (
        <View className='panel muted' data-testid='correcting'>
          您的申请正在审核中。修改后重新提交，审核将以修改后的资料为准。
        </View>
      ) : null}
      <View className='panel'>
        <FormField name='mobile' label='手机号' error={fieldErrors.mobile} required>
          {process.env.TARO_ENV === 'weapp' ? (
            draft.phoneCode ? (
              <View className='register__phone-ok'>
                已通过微信授权
                <Text className='register__link' onClick={() => update('phoneCode', '')}>
                  重新授权
                </Text>
              </View>
            ) : (
              <TaroButton
                className='register__phone-button'
                openType='getPhoneNumber'
                onGetPhoneNumber={(e) => {
                  if (e.detail.code) update('phoneCode', e.detail.code)
                }}
              >
                微信授权手机号
              </TaroButton>
            )
          ) : (
            <Input
              className='field-input'
              name='mobile'
              type='number'
              maxlength={11}
              placeholder='11位手机号'
              value={draft.mobile}
              onInput={(e) => update('mobile', e.detail.value)}
            />
          )}
        </FormField>
        {TEXT_FIELDS.map((f) => (
          <TextField
            key={f.name}
            name={f.name}
            label={f.label}
            error={fieldErrors[f.name]}
            required
            type={f.type ?? 'text'}
            maxlength={f.maxlength}
            placeholder={f.placeholder}
            value={String(draft[f.name] ?? '')}
            onChange={(value) => update(f.name, value)}
          />
        ))}
        <FormField name='birthday' label='出生日期' error={fieldErrors.birthday} required>
          <Picker
            mode='date'
            value={draft.birthday || '1985-01-01'}
            start='1920-01-01'
            end={latestAdultBirthday(new Date())}
            onChange={(e) => update('birthday', String(e.detail.value))}
          >
            <View
              className={`register__picker${draft.birthday ? '' : ' register__picker--empty'}`}
              data-testid='birthday'
            >
              {draft.birthday || '点击选择'}
            </View>
          </Picker>
        </FormField>
        <TextField
          name='referralCode'
          label='推荐码（选填）'
          error={fieldErrors.referralCode}
          maxlength={6}
          placeholder='会员推荐码，如 R00001'
          value={draft.referralCode}
          onChange={(value) => update('referralCode', value)}
        />
      </View>

      <View className='register__consent' data-field='consentVersion'>
        <Checkbox
          checked={draft.consentAccepted}
          onChange={(checked) => update('consentAccepted', checked)}
          label={
            <Text>
              我已阅读并同意
              <Text
                className='register__link'
                onClick={(e) => {
                  e.stopPropagation()
                  void Taro.navigateTo({ url: '/member/agreement/index' })
                }}
              >
                《会员协议与隐私政策》
              </Text>
            </Text>
          }
        />
        {fieldErrors.consentVersion ? (
          <View className='error-text' data-testid='error-consentVersion'>
            {fieldErrors.consentVersion}
          </View>
        ) : null}
      </View>

      {error && !error.fields ? (
        <View className='error-text register__error'>{messageFor(error)}</View>
      ) : null}

      <Button
        type='primary'
        block
        loading={submitting}
        disabled={submitting || !me}
        onClick={onSubmit}
      >
        {rejected ? '重新提交' : pending ? '提交修改' : '提交注册'}
      </Button>
      <View className='muted register__note'>提交后由会员部审核，通常在2个工作日内完成。</View>
    </View>
  )
}
