import { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import { Button as TaroButton, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import ConsentPrompt from '@/components/ConsentPrompt'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { CHANNEL_LABELS, MEMBER_STATUS_LABELS } from '@/constants/labels'
import type { ApiError } from '@/contracts/error-codes'
import type { MyDataExport } from '@/contracts/privacy'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { isClosedAccount } from '@/domain/privacy/withdrawal'
import {
  draftOf,
  exportFileName,
  exportSummary,
  useMyDataStore,
  type CorrectionDraft,
} from '@/stores/my-data.store'
import { useSessionStore } from '@/stores/session.store'
import { deliverTextFile } from '@/platform/deliver-file'
import { latestAdultBirthday } from '@/domain/member/registration'
import './index.scss'

const toast = (failure: ApiError | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure) : success,
    icon: failure ? 'none' : 'success',
  })

const TEXT_FIELDS: { name: 'realName' | 'shopName' | 'shopAddress'; label: string; max: number }[] =
  [
    { name: 'realName', label: '真实姓名', max: 20 },
    { name: 'shopName', label: '店铺名称', max: 40 },
    { name: 'shopAddress', label: '店铺地址', max: 100 },
  ]

/** Hands the export to the member as a JSON file (see `deliverTextFile`). */
const deliverExport = (exported: MyDataExport) =>
  deliverTextFile(
    {
      text: JSON.stringify(exported, null, 2),
      filename: exportFileName(exported),
      mime: 'application/json;charset=utf-8',
    },
    {
      title: '已复制',
      content: '您的全部数据（JSON格式）已复制到剪贴板，可粘贴到备忘录或发送到电脑保存。',
    },
  )

/**
 * 我的数据 (SPEC §9): the member's own data in clear, its correction (the licence through staff),
 * the consent recorded, the export of everything stored (JSON), and the withdrawal (申请注销):
 * confirmed by staff within 5 working days, taken back (撤回申请) until then.
 */
export default function MyDataPage() {
  const store = useMyDataStore()
  const loadSession = useSessionStore((s) => s.load)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState<CorrectionDraft | null>(null)
  const [reason, setReason] = useState('')
  const { data, withdrawal, exported, fieldErrors } = store

  useDidShow(() => {
    void store.load()
  })

  if (store.status === 'error' && store.error && !data) {
    return <View className='page error-text'>{messageFor(store.error)}</View>
  }
  if (!data) return <View className='page muted'>加载中…</View>

  const closed = isClosedAccount(data.status)
  const form = draft ?? draftOf(data)
  const update = (name: keyof CorrectionDraft, value: string) => {
    setDraft({ ...form, [name]: value })
    store.clearField(name === 'phoneCode' ? 'mobile' : name)
  }

  const onSave = async () => {
    const failure = await store.correct(form)
    if (failure?.fields) return
    await toast(failure, '资料已更新')
    if (!failure) {
      setEditing(false)
      setDraft(null)
      await loadSession()
    }
  }

  const onExport = async () => {
    const failure = await store.exportData()
    if (failure) await toast(failure, '')
  }

  const onWithdraw = async () => {
    const answer = await Taro.showModal({
      title: '注销账号',
      content:
        '注销后：积分全部清零且不可恢复，会员卡立即作废，俱乐部资格与活动报名同时取消，您的个人信息将被删除或匿名化。工作人员将在5个工作日内处理，处理前您可以撤回申请。确定要注销吗？',
      confirmText: '确定注销',
    })
    if (!answer.confirm) return
    const failure = await store.requestWithdrawal(reason)
    await toast(failure, '已提交注销申请')
    if (!failure) setReason('')
  }

  const onCancelWithdrawal = async () => {
    const answer = await Taro.showModal({ title: '撤回注销申请', content: '确定撤回吗？' })
    if (!answer.confirm) return
    await toast(await store.cancelWithdrawal(), '已撤回注销申请')
  }

  return (
    <View className='page my-data'>
      <ConsentPrompt />

      {editing ? (
        <View className='panel' data-testid='correction-form'>
          <View className='panel-title'>修改资料</View>
          {TEXT_FIELDS.map((f) => (
            <TextField
              key={f.name}
              name={f.name}
              label={f.label}
              error={fieldErrors[f.name]}
              maxlength={f.max}
              value={form[f.name]}
              onChange={(value) => update(f.name, value)}
            />
          ))}
          <FormField name='mobile' label='手机号' error={fieldErrors.mobile}>
            {process.env.TARO_ENV === 'weapp' ? (
              form.phoneCode ? (
                <View className='my-data__phone-ok'>
                  已通过微信授权新手机号
                  <Text className='my-data__link' onClick={() => update('phoneCode', '')}>
                    取消
                  </Text>
                </View>
              ) : (
                <TaroButton
                  className='my-data__phone-button'
                  openType='getPhoneNumber'
                  onGetPhoneNumber={(e) => {
                    if (e.detail.code) update('phoneCode', e.detail.code)
                  }}
                >
                  微信授权新手机号
                </TaroButton>
              )
            ) : (
              <Input
                className='field-input'
                name='mobile'
                type='number'
                maxlength={11}
                value={form.mobile}
                onInput={(e) => update('mobile', e.detail.value)}
              />
            )}
          </FormField>
          <FormField name='birthday' label='出生日期' error={fieldErrors.birthday}>
            <Picker
              mode='date'
              value={form.birthday || '1985-01-01'}
              start='1920-01-01'
              end={latestAdultBirthday(new Date())}
              onChange={(e) => update('birthday', String(e.detail.value))}
            >
              <View className='my-data__picker'>{form.birthday}</View>
            </Picker>
          </FormField>
          <View className='muted my-data__note'>
            烟草专卖零售许可证号如需更正，请联系会员部工作人员核实后修改。
          </View>
          {fieldErrors._ ? <View className='error-text'>{fieldErrors._}</View> : null}
          <View className='my-data__buttons'>
            <Button type='primary' loading={store.saving} onClick={onSave}>
              保存
            </Button>
            <Button
              onClick={() => {
                setEditing(false)
                setDraft(null)
              }}
            >
              取消
            </Button>
          </View>
        </View>
      ) : (
        <CellGroup title='我的资料'>
          <Cell title='姓名' extra={data.realName} />
          <Cell title='状态' extra={MEMBER_STATUS_LABELS[data.status]} />
          <Cell title='手机号' extra={data.mobile} />
          <Cell title='店铺' extra={data.shopName} />
          <Cell title='店铺地址' extra={data.shopAddress} />
          <Cell title='烟草专卖零售许可证号' extra={data.licenceNo} />
          <Cell title='出生日期' extra={data.birthday} />
          <Cell
            title='会员卡号'
            extra={data.cardNo ? formatCardNumber(data.cardNo) : '审核通过后发放'}
          />
          {data.referralCode ? <Cell title='我的推荐码' extra={data.referralCode} /> : null}
          <Cell title='来源渠道' extra={data.channel ? CHANNEL_LABELS[data.channel] : '—'} />
          <Cell title='注册时间' extra={formatShanghaiDateTime(data.createdAt)} />
        </CellGroup>
      )}
      {!editing && !closed ? (
        <Button block onClick={() => setEditing(true)}>
          修改资料
        </Button>
      ) : null}

      <CellGroup title='会员协议与隐私政策'>
        <Cell
          title='已同意版本'
          extra={`${data.consentVersion} 版`}
          onClick={() => Taro.navigateTo({ url: '/member/agreement/index' })}
        />
        <Cell title='同意时间' extra={formatShanghaiDateTime(data.consentAt)} />
      </CellGroup>

      <View className='panel' data-testid='my-data-export'>
        <View className='panel-title'>导出我的数据</View>
        <View className='muted'>
          导出我们保存的关于您的全部信息（JSON格式）：资料、会员卡、积分明细、星级、俱乐部、活动报名、建议与投诉、处分、消息通知。每次导出都会记录。
        </View>
        {exported ? (
          <View className='my-data__summary'>
            <View>导出时间 {formatShanghaiDateTime(exported.exportedAt)}</View>
            {exportSummary(exported).map((line) => (
              <View key={line.label} className='muted'>
                {line.label}：{line.count} 条
              </View>
            ))}
            <Button type='primary' block onClick={() => deliverExport(exported)}>
              {process.env.TARO_ENV === 'h5' ? '下载' : '复制'}
            </Button>
          </View>
        ) : null}
        <Button block loading={store.exporting} onClick={onExport}>
          {exported ? '重新导出' : '导出数据'}
        </Button>
      </View>

      {withdrawal ? (
        <View className='panel' data-testid='withdrawal-status'>
          <View className='panel-title'>
            注销申请处理中 <Tag type='warning'>待处理</Tag>
          </View>
          <View className='muted'>
            提交时间 {formatShanghaiDateTime(withdrawal.requestedAt)}，工作人员将在{' '}
            {withdrawal.dueOn} 前处理。处理前您可以撤回申请。
          </View>
          <Button block loading={store.withdrawing} onClick={onCancelWithdrawal}>
            撤回申请
          </Button>
        </View>
      ) : data.status !== 'withdrawn' ? (
        <View className='panel' data-testid='withdrawal'>
          <View className='panel-title'>注销账号</View>
          <View className='muted'>
            注销后积分清零、会员卡作废、个人信息删除或匿名化，且不可恢复。
          </View>
          <FormField name='reason' label='注销原因（选填）'>
            <Textarea
              className='field-input'
              name='reason'
              value={reason}
              maxlength={200}
              placeholder='方便告诉我们原因吗？（选填）'
              onInput={(e) => setReason(e.detail.value)}
            />
          </FormField>
          <Button type='danger' block loading={store.withdrawing} onClick={onWithdraw}>
            申请注销
          </Button>
        </View>
      ) : null}
    </View>
  )
}
