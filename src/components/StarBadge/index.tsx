import { Text, View } from '@tarojs/components'
import { STAR_LEVEL_NAMES, starBenefits } from '@/constants/star-benefits'
import type { StarValue } from '@/domain/star/star'
import './index.scss'

/**
 * A member's star level as a badge (星级徽章): the number and its name; `withBenefits` adds what the
 * level lets the member do. No star yet (an applicant) shows nothing.
 */
export default function StarBadge(props: { star: StarValue | null; withBenefits?: boolean }) {
  if (!props.star) return null
  return (
    <View className='star-badge' data-testid='star-badge' data-star={props.star}>
      <View className='star-badge__pill'>
        <Text className='star-badge__number'>{props.star}</Text>
        <Text className='star-badge__star'>★</Text>
        <Text className='star-badge__name'>{STAR_LEVEL_NAMES[props.star]}</Text>
      </View>
      {props.withBenefits ? (
        <View className='star-badge__benefits' data-testid='star-benefits'>
          {starBenefits(props.star).map((benefit) => (
            <View className='star-badge__benefit' key={benefit}>
              ✓ {benefit}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
