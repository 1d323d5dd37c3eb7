import { Flex, Spin } from 'antd'

export function PageLoading() {
  return (
    <Flex justify="center" align="center" style={{ height: '60%' }}>
      <Spin tip="正在加载…">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </Flex>
  )
}
