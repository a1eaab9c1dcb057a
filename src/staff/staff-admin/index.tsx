import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import QrCode from '@/components/QrCode'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { ROLE_LABELS } from '@/constants/labels'
import type { ApiError } from '@/contracts/error-codes'
import type { StaffView } from '@/contracts/staff'
import { STAFF_ROLES, type StaffRole } from '@/domain/member/roles'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useStaffAdminStore } from '@/stores/staff-admin.store'
import './index.scss'

/**
 * A row being edited: its role change, its outlet change or its revocation, with the new role or
 * outlet chosen so far (the reason is typed beside it).
 */
type Editing = {
  staffId: string
  kind: 'role' | 'site' | 'revoke'
  role: StaffRole | null
  site: string
}

/** What each edit's buttons and reason field say. */
const EDIT_COPY: Record<
  Editing['kind'],
  { reason: string; confirm: string; done: string; type: 'primary' | 'danger' }
> = {
  role: { reason: '请填写修改原因', confirm: '确认修改', done: '角色已修改', type: 'primary' },
  site: { reason: '请填写调店原因', confirm: '确认修改', done: '门店已修改', type: 'primary' },
  revoke: { reason: '请填写停用原因', confirm: '确认停用', done: '已停用', type: 'danger' },
}

/** The three staff roles as buttons; the chosen one highlighted. */
function RolePicker(props: {
  value: StaffRole | null
  onChange(role: StaffRole): void
  testId: string
}) {
  return (
    <View className='staff-admin__roles' data-testid={props.testId}>
      {STAFF_ROLES.map((role) => (
        <Button
          key={role}
          size='small'
          type={props.value === role ? 'primary' : 'default'}
          data-role={role}
          onClick={() => props.onChange(role)}
        >
          {ROLE_LABELS[role]}
        </Button>
      ))}
    </View>
  )
}

/**
 * 员工管理 (admin, SPEC §1): invite a clerk, reviewer or admin with a one-time code (shown once, as
 * text and QR, valid 48 hours), cancel an open invite, change another staff member's role or outlet
 * (门店, printed on their receipts from then on) or revoke their access at once, each with a reason. An admin's own row has no buttons: another admin
 * changes it, so the last admin always remains.
 */
export default function StaffAdminPage() {
  const store = useStaffAdminStore()
  const [role, setRole] = useState<StaffRole | null>(null)
  const [name, setName] = useState('')
  const [site, setSite] = useState('')
  const [inviteErrors, setInviteErrors] = useState<Record<string, string>>({})
  const [editing, setEditing] = useState<Editing | null>(null)
  const [reason, setReason] = useState('')
  const [editError, setEditError] = useState('')

  useDidShow(() => {
    void store.load()
  })

  const toast = (failure: ApiError | null, done: string) =>
    Taro.showToast({
      title: failure ? messageFor(failure) : done,
      icon: failure ? 'none' : 'success',
    })

  const onInvite = async () => {
    const failure = await store.invite(role, name, site)
    setInviteErrors(failure?.fields ?? {})
    if (failure?.fields) return
    if (failure) {
      await toast(failure, '')
      return
    }
    setName('')
    setSite('')
    setRole(null)
  }

  const onCancelInvite = async (inviteId: string, who: string) => {
    const answer = await Taro.showModal({
      title: '作废邀请',
      content: `作废后，${who} 的邀请码不能再使用。`,
    })
    if (!answer.confirm) return
    await toast(await store.cancelInvite(inviteId), '已作废')
  }

  const startEditing = (staff: StaffView, kind: Editing['kind']) => {
    setEditing({
      staffId: staff.id,
      kind,
      role: kind === 'role' ? null : staff.role,
      site: staff.site ?? '',
    })
    setReason('')
    setEditError('')
  }

  const onConfirmEdit = async (staff: StaffView) => {
    if (!editing) return
    if (editing.kind === 'role' && !editing.role) {
      setEditError('请选择新角色')
      return
    }
    const failure =
      editing.kind === 'role'
        ? await store.changeRole(staff.id, editing.role!, reason)
        : editing.kind === 'site'
          ? await store.changeSite(staff.id, editing.site, reason)
          : await store.revoke(staff.id, reason)
    const fieldError = failure?.fields?.site ?? failure?.fields?.reason ?? failure?.fields?.role
    if (fieldError) {
      setEditError(fieldError)
      return
    }
    setEditing(null)
    await toast(failure, EDIT_COPY[editing.kind].done)
  }

  if (store.status === 'error' && store.error) {
    return <View className='page error-text'>{messageFor(store.error)}</View>
  }

  const issued = store.issued
  return (
    <View className='page staff-admin'>
      <View className='panel' data-testid='staff-invite-form'>
        <View className='panel-title'>邀请员工</View>
        <View className='muted'>
          被邀请人用自己的微信打开小程序，在首页点「员工邀请」输入邀请码或扫码，即成为员工。员工与会员不能使用同一微信号。
        </View>
        <RolePicker value={role} onChange={setRole} testId='invite-role' />
        {inviteErrors.role ? <View className='error-text'>{inviteErrors.role}</View> : null}
        <TextField
          name='inviteName'
          label='姓名'
          required
          maxlength={20}
          placeholder='被邀请人的真实姓名'
          value={name}
          error={inviteErrors.name}
          onChange={(value) => {
            setName(value)
            setInviteErrors({})
          }}
        />
        <TextField
          name='inviteSite'
          label='门店'
          maxlength={30}
          placeholder='如：鼓楼中山北路门店（店员填写，印在消费记录上）'
          value={site}
          error={inviteErrors.site}
          onChange={(value) => {
            setSite(value)
            setInviteErrors({})
          }}
        />
        <Button type='primary' block loading={store.inviting} onClick={() => void onInvite()}>
          生成邀请码
        </Button>
      </View>

      {issued ? (
        <View className='panel staff-admin__issued' data-testid='issued-invite'>
          <View className='panel-title'>
            {issued.invite.name} · {ROLE_LABELS[issued.invite.role]}
          </View>
          {issued.code ? (
            <>
              <QrCode text={issued.code} testId='invite-qr' />
              <View className='staff-admin__code' data-testid='invite-code'>
                {issued.code}
              </View>
              <View className='muted'>
                有效期至 {formatShanghaiDateTime(issued.invite.expiresAt)}
                ，只能使用一次。邀请码只显示这一次，请当面交给被邀请人或让其扫码。
              </View>
            </>
          ) : (
            <View className='error-text'>
              邀请已创建，但邀请码未能显示（网络中断）。请作废这条邀请后重新邀请。
            </View>
          )}
          <Button block onClick={store.dismissIssued}>
            完成
          </Button>
        </View>
      ) : null}

      <View className='panel' data-testid='open-invites'>
        <View className='panel-title'>待接受的邀请 ({store.invites.length})</View>
        {store.invites.length === 0 ? (
          <Empty description={store.status === 'loading' ? '加载中…' : '暂无待接受的邀请'} />
        ) : (
          store.invites.map((invite) => (
            <View
              key={invite.id}
              className='staff-admin__item'
              data-testid='staff-invite'
              data-name={invite.name}
            >
              <View className='staff-admin__head'>
                <Text>
                  {invite.name} · {ROLE_LABELS[invite.role]}
                  {invite.site ? ` · ${invite.site}` : ''}
                </Text>
                {invite.expired ? (
                  <Tag type='danger'>已过期</Tag>
                ) : (
                  <Tag type='warning'>待接受</Tag>
                )}
              </View>
              <View className='muted'>有效期至 {formatShanghaiDateTime(invite.expiresAt)}</View>
              <View className='staff-admin__actions'>
                <Button
                  size='small'
                  loading={store.busyId === invite.id}
                  disabled={store.busyId !== null}
                  onClick={() => void onCancelInvite(invite.id, invite.name)}
                >
                  作废
                </Button>
              </View>
            </View>
          ))
        )}
      </View>

      <View className='panel' data-testid='staff-list'>
        <View className='panel-title'>员工 ({store.total})</View>
        {store.staff.map((staff) => (
          <View
            key={staff.id}
            className={`staff-admin__item${staff.status === 'revoked' ? ' staff-admin__item--revoked' : ''}`}
            data-testid='staff-row'
            data-name={staff.name}
            data-status={staff.status}
          >
            <View className='staff-admin__head'>
              <Text>
                {staff.name}
                {staff.self ? '（我）' : ''}
              </Text>
              <View>
                <Tag type='primary'>{ROLE_LABELS[staff.role]}</Tag>
                {staff.status === 'revoked' ? <Tag type='danger'>已停用</Tag> : null}
              </View>
            </View>
            <View className='muted'>
              {staff.site ? `${staff.site} · ` : ''}加入时间{' '}
              {formatShanghaiDateTime(staff.createdAt)}
            </View>
            {staff.status === 'active' && !staff.self && editing?.staffId !== staff.id ? (
              <View className='staff-admin__actions'>
                <Button
                  size='small'
                  disabled={store.busyId !== null}
                  onClick={() => startEditing(staff, 'role')}
                >
                  修改角色
                </Button>
                <Button
                  size='small'
                  disabled={store.busyId !== null}
                  onClick={() => startEditing(staff, 'site')}
                >
                  修改门店
                </Button>
                <Button
                  size='small'
                  type='danger'
                  disabled={store.busyId !== null}
                  onClick={() => startEditing(staff, 'revoke')}
                >
                  停用
                </Button>
              </View>
            ) : null}
            {editing?.staffId === staff.id ? (
              <View className='staff-admin__edit' data-testid='staff-edit'>
                {editing.kind === 'role' ? (
                  <RolePicker
                    value={editing.role}
                    onChange={(next) => {
                      setEditing({ ...editing, role: next })
                      setEditError('')
                    }}
                    testId='new-role'
                  />
                ) : editing.kind === 'site' ? (
                  <TextField
                    name='newSite'
                    label='新门店'
                    maxlength={30}
                    placeholder='留空表示不属于任何门店'
                    value={editing.site}
                    onChange={(value) => {
                      setEditing({ ...editing, site: value })
                      setEditError('')
                    }}
                  />
                ) : (
                  <View className='muted'>
                    停用后，{staff.name} 的下一次操作即被拒绝；记录保留备查。
                  </View>
                )}
                <Textarea
                  className='staff-admin__reason'
                  placeholder={EDIT_COPY[editing.kind].reason}
                  maxlength={200}
                  value={reason}
                  onInput={(e) => {
                    setReason(e.detail.value)
                    setEditError('')
                  }}
                />
                {editError ? <View className='error-text'>{editError}</View> : null}
                <View className='staff-admin__actions'>
                  <Button
                    size='small'
                    type={EDIT_COPY[editing.kind].type}
                    loading={store.busyId === staff.id}
                    onClick={() => void onConfirmEdit(staff)}
                  >
                    {EDIT_COPY[editing.kind].confirm}
                  </Button>
                  <Button size='small' onClick={() => setEditing(null)}>
                    取消
                  </Button>
                </View>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  )
}
