(module
  (table 0 funcref)
  (elem func)
  (func (export "init")
    i32.const -1
    i32.const 0
    i32.const 0
    table.init 0 0))
