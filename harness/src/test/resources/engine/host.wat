;; Imports Java functions and calls them.
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "mix" (func $mix (param i64 f32 f64 externref) (result f64 externref)))
  (import "env" "fail" (func $fail))
  (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
  (func (export "call_mix") (param i64 f32 f64 externref) (result f64 externref)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "call_fail") (call $fail))
)
