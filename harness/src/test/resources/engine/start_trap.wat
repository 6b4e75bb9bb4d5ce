;; Instantiation traps: the start function divides by zero.
(module
  (global $zero (mut i32) (i32.const 0))
  (func $start (drop (i32.div_u (i32.const 1) (global.get $zero))))
  (start $start)
)
