export default definePageConfig({ navigationBarTitleText: '俱乐部建议箱' })
