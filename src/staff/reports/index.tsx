import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import Chart from '@/components/Chart'
import { EVENT_KIND_LABELS } from '@/constants/event-labels'
import { messageFor } from '@/constants/error-messages'
import {
  COMPLAINT_CATEGORY_LABELS,
  ENTRY_LABEL_LABELS,
  ENTRY_TYPE_LABELS,
  MEMBER_STATUS_LABELS,
  starText,
} from '@/constants/labels'
import type { ClubListRow, ReportSection } from '@/contracts/reports'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime, shanghaiYear } from '@/domain/shared/calendar'
import { useReportsStore } from '@/stores/reports.store'
import { deliverCsv } from './deliver-csv'
import './index.scss'

/** The first year the club has figures for; the picker goes no further back. */
const FIRST_YEAR = 2024

const monthLabel = (month: string) => `${Number(month.slice(5))}月`
const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`)
/** A category name short enough to sit under a bar. */
const shortName = (text: string) =>
  [...text].length > 6 ? `${[...text].slice(0, 5).join('')}…` : text

function Section(props: {
  title: string
  section: ReportSection
  exporting: ReportSection | null
  onExport(section: ReportSection): void
  children: ReactNode
}) {
  return (
    <View className='panel reports__section' data-testid={`report-${props.section}`}>
      <View className='reports__head'>
        <View className='panel-title'>{props.title}</View>
        <Button
          size='small'
          loading={props.exporting === props.section}
          disabled={props.exporting !== null && props.exporting !== props.section}
          onClick={() => props.onExport(props.section)}
        >
          导出CSV
        </Button>
      </View>
      {props.children}
    </View>
  )
}

/** A two-column table of label → value. */
function Figures(props: { rows: [string, string | number][] }) {
  return (
    <View className='reports__figures'>
      {props.rows.map(([label, value]) => (
        <View className='reports__figure' key={label}>
          <View className='muted'>{label}</View>
          <View className='reports__figure-value'>{value}</View>
        </View>
      ))}
    </View>
  )
}

function MemberList(props: { rows: ClubListRow[]; when(row: ClubListRow): string; empty: string }) {
  if (props.rows.length === 0) return <View className='muted'>{props.empty}</View>
  return (
    <>
      {props.rows.map((r) => (
        <View className='reports__row' key={r.memberId}>
          <View>
            {r.realName} <Tag type='primary'>{starText(r.star)}</Tag>
          </View>
          <View className='muted'>
            {r.shopName} · {r.mobileMasked}
            {r.cardNo ? ` · ${formatCardNumber(r.cardNo)}` : ''} · {props.when(r)}
          </View>
        </View>
      ))}
    </>
  )
}

/**
 * 报表 (admin, SPEC §11): a year's members by status and star, new members per month, points
 * issued / redeemed / expired, event sign-up and attendance rates, the club's grace and exit lists
 * and the complaints overdue now — each section as a chart and figures, exportable as CSV.
 */
export default function ReportsPage() {
  const store = useReportsStore()
  const { year, report, status, error, exporting } = store
  const thisYear = shanghaiYear(new Date())

  useDidShow(() => {
    void store.load(useReportsStore.getState().year)
  })

  const onExport = async (section: ReportSection) => {
    const outcome = await store.exportSection(section)
    if ('error' in outcome) {
      await Taro.showToast({ title: messageFor(outcome.error), icon: 'none' })
      return
    }
    await deliverCsv(outcome.file)
  }
  const sectionProps = { exporting, onExport: (s: ReportSection) => void onExport(s) }
  const shown = report && report.year === year ? report : null

  return (
    <View className='page reports'>
      <View className='panel reports__years'>
        <Button size='small' disabled={year <= FIRST_YEAR} onClick={() => store.load(year - 1)}>
          上一年
        </Button>
        <View className='reports__year' data-testid='report-year'>
          {year}年
        </View>
        <Button size='small' disabled={year >= thisYear} onClick={() => store.load(year + 1)}>
          下一年
        </Button>
      </View>

      {status === 'error' && error ? <View className='error-text'>{messageFor(error)}</View> : null}
      {!shown ? (
        <Empty description={status === 'loading' ? '加载中…' : '暂无数据'} />
      ) : (
        <View className='reports__sections'>
          <Section title='会员状态与星级' section='members' {...sectionProps}>
            <View className='muted'>会员状态为当前人数；星级为{shown.year}年评定的人数。</View>
            <Chart
              id='chart-status'
              type='column'
              categories={shown.members.byStatus.map((r) => MEMBER_STATUS_LABELS[r.status])}
              series={[{ name: '人数', data: shown.members.byStatus.map((r) => r.count) }]}
            />
            <Figures
              rows={[
                ...shown.members.byStatus.map((r): [string, number] => [
                  MEMBER_STATUS_LABELS[r.status],
                  r.count,
                ]),
                ['合计', shown.members.total],
              ]}
            />
            <Chart
              id='chart-star'
              type='column'
              categories={shown.members.byStar.map((r) => `${r.star}星`)}
              series={[{ name: '人数', data: shown.members.byStar.map((r) => r.count) }]}
            />
          </Section>

          <Section title='新增会员（按审核通过月份）' section='newMembers' {...sectionProps}>
            <Chart
              id='chart-new-members'
              type='column'
              categories={shown.newMembers.months.map((m) => monthLabel(m.month))}
              series={[{ name: '新增会员', data: shown.newMembers.months.map((m) => m.count) }]}
            />
            <Figures rows={[['全年新增', shown.newMembers.total]]} />
          </Section>

          <Section title='积分发放、兑换与过期' section='points' {...sectionProps}>
            <Chart
              id='chart-points'
              type='column'
              height={260}
              categories={shown.points.months.map((m) => monthLabel(m.month))}
              series={[
                { name: '发放', data: shown.points.months.map((m) => m.issued) },
                { name: '兑换', data: shown.points.months.map((m) => m.redeemed) },
                { name: '过期', data: shown.points.months.map((m) => m.expired) },
              ]}
            />
            <Figures
              rows={[
                ['全年发放', shown.points.totals.issued],
                ['全年兑换', shown.points.totals.redeemed],
                ['全年过期', shown.points.totals.expired],
                ['人工调整（净额）', shown.points.totals.adjusted],
                ['冲正（净额）', shown.points.totals.reversed],
              ]}
            />
            <View className='reports__subtitle'>按类型与标签</View>
            {shown.points.byLabel.length === 0 ? (
              <View className='muted'>本年度没有积分流水</View>
            ) : (
              shown.points.byLabel.map((r) => (
                <View className='reports__line' key={`${r.type}-${r.label}`}>
                  <View>
                    {ENTRY_TYPE_LABELS[r.type]} · {ENTRY_LABEL_LABELS[r.label]}
                  </View>
                  <View>
                    {r.points} 分 <View className='muted reports__inline'>{r.entries} 笔</View>
                  </View>
                </View>
              ))
            )}
          </Section>

          <Section title='活动报名、到场与未到场' section='events' {...sectionProps}>
            {shown.events.events.length === 0 ? (
              <View className='muted'>本年度还没有已结束的活动</View>
            ) : (
              <>
                <Chart
                  id='chart-events'
                  type='column'
                  categories={shown.events.events.slice(-12).map((e) => shortName(e.title))}
                  series={[
                    {
                      name: '到场率%',
                      data: shown.events.events.slice(-12).map((e) => e.attendanceRate ?? 0),
                    },
                    {
                      name: '未到场率%',
                      data: shown.events.events.slice(-12).map((e) => e.noShowRate ?? 0),
                    },
                  ]}
                />
                {shown.events.events.map((e) => (
                  <View className='reports__row' key={e.eventId}>
                    <View>
                      {e.title} <Tag type='default'>{EVENT_KIND_LABELS[e.kind]}</Tag>
                    </View>
                    <View className='muted'>
                      {formatShanghaiDateTime(e.startAt)} · 确认 {e.confirmed}/{e.capacity} · 签到{' '}
                      {e.checkedIn} · 未到场 {e.noShows}
                    </View>
                    <View className='muted'>
                      报名率 {rateText(e.fillRate)} · 到场率 {rateText(e.attendanceRate)} · 未到场率{' '}
                      {rateText(e.noShowRate)}
                    </View>
                  </View>
                ))}
              </>
            )}
            <Figures
              rows={[
                ['活动场次', shown.events.totals.events],
                ['确认人数', shown.events.totals.confirmed],
                ['签到人数', shown.events.totals.checkedIn],
                ['未到场', shown.events.totals.noShows],
                ['报名率', rateText(shown.events.totals.fillRate)],
                ['到场率', rateText(shown.events.totals.attendanceRate)],
                ['未到场率', rateText(shown.events.totals.noShowRate)],
              ]}
            />
          </Section>

          <Section title='俱乐部宽限期与强制退出' section='club' {...sectionProps}>
            <View className='reports__subtitle'>
              {shown.year}年处于宽限期（{shown.club.grace.length}人）
            </View>
            <MemberList
              rows={shown.club.grace}
              when={(r) => `宽限至${r.graceYear ?? shown.year}-12-31`}
              empty='无'
            />
            <View className='reports__subtitle'>
              {shown.year}年度调整强制退出（{shown.club.exits.length}人）
            </View>
            <MemberList
              rows={shown.club.exits}
              when={(r) => `退出于${formatShanghaiDateTime(r.since)}`}
              empty='无'
            />
          </Section>

          <Section title='超时未答复的投诉' section='complaints' {...sectionProps}>
            <View className={shown.complaints.overdue > 0 ? 'error-text' : 'muted'}>
              当前共 {shown.complaints.overdue} 件超过48小时未答复
            </View>
            {shown.complaints.items.map((c) => (
              <View className='reports__row reports__row--overdue' key={c.id}>
                <View>
                  {c.realName} · {COMPLAINT_CATEGORY_LABELS[c.category]}{' '}
                  <Tag type='danger'>超时 {c.hoursOverdue} 小时</Tag>
                </View>
                <View className='muted'>
                  {c.mobileMasked} · 提交于 {formatShanghaiDateTime(c.createdAt)}
                </View>
                <View>{c.excerpt}</View>
              </View>
            ))}
          </Section>

          <View className='muted reports__footer'>
            统计时间 {formatShanghaiDateTime(shown.generatedAt)}；手机号、许可证号均已脱敏。
          </View>
        </View>
      )}
    </View>
  )
}
