import { ConfigProvider, Select, type PaginationProps } from 'antd'
import { useContext, type ComponentProps } from 'react'
import { LazyPicker } from './LazyPicker'

type SizeChanger = NonNullable<NonNullable<PaginationProps['components']>['sizeChanger']>

/**
 * Pagination's 条/页 select for `components.sizeChanger`, drawn as a plain box until it is used
 * (LazyPicker): a table's footer otherwise mounts a whole Select on every page entry for a choice
 * the desk rarely makes. The real one is set up as antd's own size changer is.
 */
export function lazySizeChanger(sizes: readonly number[]): SizeChanger {
  const options = sizes.map((size) => ({ value: size, label: `${size} 条/页` }))
  return function LazySizeChanger({ value, onChange, disabled, className }: ComponentProps<SizeChanger>) {
    const classes = `${useContext(ConfigProvider.ConfigContext).getPrefixCls('pagination')}-options-size-changer-select ${className}`
    // A disabled one is left to the real select, which draws that state.
    return (
      <LazyPicker shape="single" small search label="页码" shown={`${value} 条/页`} className={classes} real={disabled}>
        {(p) => (
          <Select<number>
            {...p}
            size="small"
            showSearch
            popupMatchSelectWidth={false}
            getPopupContainer={(node) => node.parentElement ?? document.body}
            className={classes}
            options={options}
            value={value}
            disabled={disabled}
            onChange={onChange}
          />
        )}
      </LazyPicker>
    )
  }
}
