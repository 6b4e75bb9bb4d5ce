(module
  (table 2 funcref)
  (func (export "fill")
    i32.const 0x7fffffff
    ref.null func
    i32.const 0x7fffffff
    table.fill 0))
