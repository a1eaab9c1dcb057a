import { Button, Tag } from '@nutui/nutui-react-taro'
import { Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import {
  CLUB_STATE_LABELS,
  IMPORT_PROBLEM_LABELS,
  STAR_SOURCE_LABELS,
  starText,
} from '@/constants/labels'
import type { JobProgress } from '@/contracts/jobs.contract'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime, shanghaiYear } from '@/domain/shared/calendar'
import { STAR_VALUES } from '@/domain/star/star'
import { useStarAdminStore } from '@/stores/star-admin.store'
import './index.scss'

const RUN_STATUS: Record<
  JobProgress['status'],
  { text: string; tag: 'default' | 'warning' | 'success' }
> = {
  idle: { text: '未执行', tag: 'default' },
  running: { text: '执行中', tag: 'warning' },
  done: { text: '已完成', tag: 'success' },
}

// The year on the admin's phone; the functions decide with their own clock.
const thisYear = () => shanghaiYear(new Date())

/** Reads a CSV the admin picks: a file chooser in the browser, a chat file in WeChat. */
async function pickCsvFile(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = '.csv,text/csv,text/plain'
      input.onchange = () => {
        const file = input.files?.[0]
        if (!file) return resolve(null)
        file.text().then(resolve, () => resolve(null))
      }
      input.click()
    })
  }
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] })
  const path = chosen.tempFiles[0]?.path
  if (!path) return null
  return Taro.getFileSystemManager().readFileSync(path, 'utf8') as string
}

const toast = (failure: { code: string } | null, success: string) =>
  Taro.showToast({
    title: failure ? messageFor(failure as Parameters<typeof messageFor>[0]) : success,
    icon: failure ? 'none' : 'success',
  })

/**
 * 星级管理 (admin): the annual adjustment with its progress and summary, the thresholds by
 * effective year, the star import with its per-row report, and a member's star override.
 */
export default function StarAdminPage() {
  const store = useStarAdminStore()
  const { progress, progressError, running, settings, report, importing, member } = store
  const [runYear, setRunYear] = useState(String(thisYear() - 1))
  const [ruleYear, setRuleYear] = useState(String(thisYear()))
  const [thresholds, setThresholds] = useState(['', '', '', ''])
  const [ruleErrors, setRuleErrors] = useState<Record<string, string>>({})
  const [importYear, setImportYear] = useState(String(thisYear() + 1))
  const [csv, setCsv] = useState('')
  const [importErrors, setImportErrors] = useState<Record<string, string>>({})
  const [cardNo, setCardNo] = useState('')
  const [cardError, setCardError] = useState('')
  const [newStar, setNewStar] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [overrideErrors, setOverrideErrors] = useState<Record<string, string>>({})

  useDidShow(() => {
    void store.loadProgress(Number(runYear))
    void store.loadSettings()
  })

  const onRun = async () => {
    const failure = await store.runAdjustment(Number(runYear))
    const after = useStarAdminStore.getState().progress
    if (failure) return toast(failure, '')
    return Taro.showToast({
      title: after?.status === 'done' ? '年度调整已完成' : '本次未执行完，请再次执行',
      icon: after?.status === 'done' ? 'success' : 'none',
    })
  }

  const onSaveThresholds = async () => {
    const failure = await store.saveThresholds(ruleYear, thresholds)
    setRuleErrors(failure?.fields ?? {})
    await toast(failure, '门槛已保存')
  }

  const onPick = async () => {
    const text = await pickCsvFile()
    if (text !== null) {
      setCsv(text)
      store.clearReport()
    }
  }

  const onPreview = async () => {
    const failure = await store.previewImport(importYear, csv)
    setImportErrors(failure?.fields ?? {})
    if (failure) await toast(failure, '')
  }

  const onApplyImport = async () => {
    const failure = await store.applyImport(importYear, csv)
    setImportErrors(failure?.fields ?? {})
    await toast(failure, '导入成功')
  }

  const onFind = async () => {
    const failure = await store.findMember(cardNo)
    setCardError(failure ? (failure.fields?.cardNo ?? messageFor(failure)) : '')
    setNewStar(null)
    setReason('')
  }

  const onOverride = async () => {
    if (newStar === null) return setOverrideErrors({ star: '请选择星级' })
    const failure = await store.override(newStar, reason)
    setOverrideErrors(failure?.fields ?? {})
    if (!failure) setReason('')
    return toast(failure, '星级已修改')
  }

  const runStatus = progress ? RUN_STATUS[progress.status] : null
  const totals = progress?.totals ?? {}

  return (
    <View className='page star-admin'>
      <View className='panel' data-testid='adjustment'>
        <View className='panel-title'>
          年度星级调整
          {runStatus ? <Tag type={runStatus.tag}>{runStatus.text}</Tag> : null}
        </View>
        <View className='muted'>
          每年1月1日0:05自动执行：按所选年度获得的积分（或导入的星级）评定下一年的星级，并处理俱乐部宽限与退出。重复执行不会重复调整。
        </View>
        <TextField
          label='评定年度'
          name='runYear'
          type='number'
          value={runYear}
          onChange={(v) => {
            setRunYear(v)
            if (/^\d{4}$/.test(v)) void store.loadProgress(Number(v))
          }}
          error={progressError?.fields?.year}
        />
        {progress && progress.status !== 'idle' ? (
          <View data-testid='adjustment-progress'>
            <View className='star-admin__stats'>
              {[
                ['已处理', `${progress.processed} / ${progress.total}`],
                ...STAR_VALUES.map((s) => [`${s}星`, String(totals[`star${s}`] ?? 0)]),
                ['进入宽限期', String(totals['entered-grace'] ?? 0)],
                ['退出俱乐部', String(totals.exited ?? 0)],
                ['恢复正式会员', String(totals.reactivated ?? 0)],
              ].map(([title, value]) => (
                <View className='star-admin__stat' key={title}>
                  <View className='star-admin__stat-value'>{value}</View>
                  <View className='muted'>{title}</View>
                </View>
              ))}
            </View>
            {progress.finishedAt ? (
              <View className='muted'>完成于 {formatShanghaiDateTime(progress.finishedAt)}</View>
            ) : null}
          </View>
        ) : null}
        {progressError ? <View className='error-text'>{messageFor(progressError)}</View> : null}
        <Button type='primary' block loading={running} onClick={onRun}>
          执行年度调整
        </Button>
      </View>

      <View className='panel' data-testid='thresholds'>
        <View className='panel-title'>升星门槛</View>
        {settings ? (
          <View className='muted'>
            {settings.currentYear}年适用：
            {settings.current.map((t, i) => `${i + 2}星 ≥ ${t}分`).join('，')}
          </View>
        ) : null}
        {settings?.rules.map((rule) => (
          <View className='star-admin__row' key={rule.effectiveYear}>
            <View>{rule.effectiveYear}年起</View>
            <View className='muted'>{rule.thresholds.join(' / ')}</View>
          </View>
        ))}
        <TextField
          label='自哪一年的积分起适用'
          name='effectiveYear'
          type='number'
          value={ruleYear}
          onChange={setRuleYear}
          error={ruleErrors.effectiveYear}
        />
        {thresholds.map((value, index) => (
          <TextField
            key={index}
            label={`${index + 2}星门槛（分）`}
            name={`thresholds.${index}`}
            type='number'
            value={value}
            onChange={(v) => setThresholds(thresholds.map((old, i) => (i === index ? v : old)))}
            error={
              ruleErrors[`thresholds.${index}`] ?? (index === 0 ? ruleErrors.thresholds : undefined)
            }
          />
        ))}
        <Button type='primary' block loading={store.savingThresholds} onClick={onSaveThresholds}>
          保存门槛
        </Button>
      </View>

      <View className='panel' data-testid='star-import'>
        <View className='panel-title'>星级导入</View>
        <View className='muted'>
          CSV
          每行“许可证号,星级”（1–5），可带表头。导入的星级在该年度调整时代替积分评定；须在年度调整开始前导入。
        </View>
        <TextField
          label='星级年度'
          name='importYear'
          type='number'
          value={importYear}
          onChange={(v) => {
            setImportYear(v)
            store.clearReport()
          }}
          error={importErrors.year}
        />
        <FormField name='csv' label='CSV 内容' error={importErrors.csv}>
          <Textarea
            className='field-input star-admin__csv'
            name='csv'
            value={csv}
            maxlength={100_000}
            placeholder={'许可证号,星级\n320100000001,4'}
            onInput={(e) => {
              setCsv(e.detail.value)
              store.clearReport()
            }}
          />
        </FormField>
        <View className='star-admin__buttons'>
          <Button block onClick={onPick}>
            选择CSV文件
          </Button>
          <Button type='primary' block loading={importing} onClick={onPreview}>
            检查
          </Button>
        </View>
        {report ? (
          <View data-testid='import-report'>
            <View className='panel-title'>
              {report.applied !== null ? (
                <Tag type='success'>已导入 {report.applied} 行</Tag>
              ) : (
                <Tag type={report.problems ? 'danger' : 'success'}>
                  {report.valid} 行可导入，{report.problems} 行有误
                </Tag>
              )}
            </View>
            {report.rows
              .filter((row) => row.problems.length > 0)
              .map((row) => (
                <View className='star-admin__row star-admin__bad' key={row.line}>
                  <View>
                    第{row.line}行 {row.licenceMasked}
                  </View>
                  <View>
                    {row.problems
                      .map((p) =>
                        p === 'duplicate'
                          ? `${IMPORT_PROBLEM_LABELS[p]}（第${row.duplicateLines.join('、')}行）`
                          : IMPORT_PROBLEM_LABELS[p],
                      )
                      .join('；')}
                  </View>
                </View>
              ))}
            {report.applied === null && report.problems === 0 && report.valid > 0 ? (
              <Button type='primary' block loading={importing} onClick={onApplyImport}>
                确认导入 {report.valid} 行
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      <View className='panel' data-testid='star-override'>
        <View className='panel-title'>修改会员星级</View>
        <TextField
          label='会员卡号'
          name='cardNo'
          type='number'
          value={cardNo}
          onChange={setCardNo}
          error={cardError}
        />
        <Button block onClick={onFind}>
          查询
        </Button>
        {member ? (
          <View data-testid='override-member'>
            <View className='star-admin__row'>
              <View>
                {member.realName} · {formatCardNumber(member.cardNo)}
              </View>
              <View>
                {member.year}年 {starText(member.star)} · {CLUB_STATE_LABELS[member.clubState]}
              </View>
            </View>
            {member.history.map((h) => (
              <View className='star-admin__row muted' key={h.year}>
                <View>
                  {h.year}年 {starText(h.star)}
                </View>
                <View>
                  {STAR_SOURCE_LABELS[h.source]}
                  {h.reason ? `：${h.reason}` : ''}
                </View>
              </View>
            ))}
            <FormField name='star' label={`${member.year}年星级改为`} error={overrideErrors.star}>
              <View className='star-admin__stars'>
                {STAR_VALUES.map((s) => (
                  <Button
                    key={s}
                    size='small'
                    type={newStar === s ? 'primary' : 'default'}
                    onClick={() => setNewStar(s)}
                  >
                    {s}星
                  </Button>
                ))}
              </View>
            </FormField>
            <TextField
              label='修改原因'
              name='reason'
              value={reason}
              onChange={setReason}
              error={overrideErrors.reason}
              required
            />
            <Button type='primary' block loading={store.overriding} onClick={onOverride}>
              保存星级
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}
