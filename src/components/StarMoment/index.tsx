import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import StarBadge from '@/components/StarBadge'
import { STAR_LEVEL_NAMES } from '@/constants/star-benefits'
import type { MemberSelfView } from '@/contracts/member.contract'
import { useStarMomentStore } from '@/stores/star-moment.store'
import './index.scss'

/**
 * The moment a member reaches a higher star (升星): shown over the page once, with the new level
 * and what it lets them do; 知道了 closes it for the year on this phone.
 */
export default function StarMoment(props: { member: MemberSelfView }) {
  const { member } = props
  const due = useStarMomentStore((s) => s.isDue(member))
  const dismiss = useStarMomentStore((s) => s.dismiss)
  if (!due || !member.star) return null
  return (
    <View className='star-moment' data-testid='star-moment'>
      <View className='star-moment__card'>
        <View className='star-moment__cheer'>恭喜升星！</View>
        <View className='star-moment__line'>
          {member.starYear}年您已升至{member.star}★{STAR_LEVEL_NAMES[member.star]}
          {member.previousStar ? `（上年${member.previousStar}★）` : ''}
        </View>
        <StarBadge star={member.star} withBenefits />
        <Button type='primary' block onClick={() => dismiss(member)}>
          知道了
        </Button>
      </View>
    </View>
  )
}
