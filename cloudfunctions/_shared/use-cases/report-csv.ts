import { EVENT_KIND_LABELS } from '../../../src/constants/event-labels'
import {
  COMPLAINT_CATEGORY_LABELS,
  ENTRY_LABEL_LABELS,
  ENTRY_TYPE_LABELS,
  MEMBER_STATUS_LABELS,
} from '../../../src/constants/labels'
import type { AdminReport, ClubListRow, ReportSection } from '../../../src/contracts/reports'
import type {
  EventRateRow,
  EventTotals,
  MonthlyPoints,
} from '../../../src/domain/report/report-rows'
import { formatShanghaiDateTime } from '../../../src/domain/shared/calendar'
import type { CsvCell, CsvTable } from '../csv'

/**
 * A CSV table (written by `toCsv`): its column titles and rows; `rows` counts the data rows.
 * Counts and points are numbers, so they stay numbers in Excel (a text cell is escaped).
 */
export type ReportTable = CsvTable & { rows: number }

const table = (fields: string[], data: CsvCell[][], rows = data.length): ReportTable => ({
  fields,
  data,
  rows,
})

const rate = (value: number | null) => (value === null ? '' : `${value}%`)
const star = (value: number | null) => (value === null ? '' : `${value}星`)

function clubRows(list: string, rows: ClubListRow[], when: (r: ClubListRow) => string) {
  return rows.map((r) => [
    list,
    r.realName,
    r.mobileMasked,
    r.licenceMasked,
    r.cardNo ?? '',
    r.shopName,
    star(r.star),
    when(r),
  ])
}

/**
 * One section of the report as a table for Excel (SPEC §11): Chinese titles, Shanghai times,
 * mobile and licence numbers masked as on the page (SPEC §9).
 */
export function reportTable(report: AdminReport, section: ReportSection): ReportTable {
  switch (section) {
    case 'members':
      return table(
        ['分类', '项目', '人数'],
        [
          ...report.members.byStatus.map((r) => [
            '会员状态',
            MEMBER_STATUS_LABELS[r.status],
            r.count,
          ]),
          ...report.members.byStar.map((r) => [`${report.year}年星级`, star(r.star), r.count]),
        ],
      )
    case 'newMembers':
      return table(
        ['月份', '新增会员（审核通过）'],
        report.newMembers.months.map((m) => [m.month, m.count]),
      )
    case 'points': {
      const { months, totals, byLabel } = report.points
      const amounts = (m: Omit<MonthlyPoints, 'month'>) => [
        m.issued,
        m.redeemed,
        m.expired,
        m.adjusted,
        m.reversed,
      ]
      // Two tables in one file: per month, then (after a blank line) per type and label.
      return table(
        ['月份', '发放', '兑换', '过期', '调整（净额）', '冲正（净额）'],
        [
          ...months.map((m) => [m.month, ...amounts(m)]),
          ['全年合计', ...amounts(totals)],
          [],
          ['类型', '标签', '积分（带符号）', '笔数'],
          ...byLabel.map((r) => [
            ENTRY_TYPE_LABELS[r.type],
            ENTRY_LABEL_LABELS[r.label],
            r.points,
            r.entries,
          ]),
        ],
        months.length + 1 + byLabel.length,
      )
    }
    case 'events': {
      const { events, totals } = report.events
      const counts = (e: EventTotals | EventRateRow) => [
        e.capacity,
        e.confirmed,
        e.checkedIn,
        e.noShows,
        rate(e.fillRate),
        rate(e.attendanceRate),
        rate(e.noShowRate),
      ]
      return table(
        [
          '活动',
          '类型',
          '开始时间',
          '结束时间',
          '名额',
          '已确认',
          '已签到',
          '未到场',
          '报名率',
          '到场率',
          '未到场率',
        ],
        [
          ...events.map((e) => [
            e.title,
            EVENT_KIND_LABELS[e.kind],
            formatShanghaiDateTime(e.startAt),
            formatShanghaiDateTime(e.endAt),
            ...counts(e),
          ]),
          [`合计（${totals.events}场）`, '', '', '', ...counts(totals)],
        ],
        events.length,
      )
    }
    case 'club':
      return table(
        ['名单', '姓名', '手机号', '许可证号', '会员卡号', '店铺', '当年星级', '时间'],
        [
          ...clubRows('宽限期', report.club.grace, (r) => `${r.graceYear ?? report.year}-12-31 止`),
          ...clubRows('强制退出', report.club.exits, (r) => formatShanghaiDateTime(r.since)),
        ],
      )
    case 'complaints':
      return table(
        ['会员', '手机号', '类别', '内容摘要', '提交时间', '应答复时间', '已超时（小时）'],
        report.complaints.items.map((c) => [
          c.realName,
          c.mobileMasked,
          COMPLAINT_CATEGORY_LABELS[c.category],
          c.excerpt,
          formatShanghaiDateTime(c.createdAt),
          formatShanghaiDateTime(c.dueAt),
          c.hoursOverdue,
        ]),
      )
  }
}
