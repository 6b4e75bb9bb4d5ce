;; Imports everything state.wat exports (registered as "state") and uses it.
(module
  (import "state" "mem" (memory 1))
  (import "state" "counter" (global $counter (mut i32)))
  (import "state" "funcs" (table $funcs 3 funcref))
  (import "state" "get" (func $get (result i32)))
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "via_import") (result i32) call $get)
  (func (export "set_counter") (param i32) (global.set $counter (local.get 0)))
  (func (export "via_table") (param i32) (result i32) (call_indirect $funcs (result i32) (local.get 0)))
)
