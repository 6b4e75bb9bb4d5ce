(module
  (memory 1)
  (func (export "store8") i32.const -1 i32.const 7 i32.store8 offset=2))
