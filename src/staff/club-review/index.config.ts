export default definePageConfig({ navigationBarTitleText: '俱乐部审核' })
