import { Input } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import FormField from '@/components/FormField'

/** A labelled one-line text input with its field-level error: the form row every page uses. */
export default function TextField(props: {
  label: string
  name: string
  value: string
  onChange(value: string): void
  error?: string
  required?: boolean
  placeholder?: string
  maxlength?: number
  type?: InputProps['type']
}) {
  return (
    <FormField name={props.name} label={props.label} error={props.error} required={props.required}>
      <Input
        className='field-input'
        name={props.name}
        type={props.type ?? 'text'}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    </FormField>
  )
}
