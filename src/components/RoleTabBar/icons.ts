import type { TabIcon } from '@/constants/tabs'
import card from '@/assets/tab/card.png'
import cardActive from '@/assets/tab/card-active.png'
import checkin from '@/assets/tab/checkin.png'
import checkinActive from '@/assets/tab/checkin-active.png'
import events from '@/assets/tab/events.png'
import eventsActive from '@/assets/tab/events-active.png'
import home from '@/assets/tab/home.png'
import homeActive from '@/assets/tab/home-active.png'
import mine from '@/assets/tab/mine.png'
import mineActive from '@/assets/tab/mine-active.png'
import points from '@/assets/tab/points.png'
import pointsActive from '@/assets/tab/points-active.png'
import review from '@/assets/tab/review.png'
import reviewActive from '@/assets/tab/review-active.png'
import scan from '@/assets/tab/scan.png'
import scanActive from '@/assets/tab/scan-active.png'
import workbench from '@/assets/tab/workbench.png'
import workbenchActive from '@/assets/tab/workbench-active.png'

/** Each tab's icon, grey and in the club's red (drawn by scripts/make-tab-icons.ts). */
export const TAB_ICONS: Record<TabIcon, { normal: string; active: string }> = {
  home: { normal: home, active: homeActive },
  card: { normal: card, active: cardActive },
  points: { normal: points, active: pointsActive },
  events: { normal: events, active: eventsActive },
  mine: { normal: mine, active: mineActive },
  workbench: { normal: workbench, active: workbenchActive },
  scan: { normal: scan, active: scanActive },
  checkin: { normal: checkin, active: checkinActive },
  review: { normal: review, active: reviewActive },
}
