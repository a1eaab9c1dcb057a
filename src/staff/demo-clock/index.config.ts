export default definePageConfig({ navigationBarTitleText: '演示时钟' })
