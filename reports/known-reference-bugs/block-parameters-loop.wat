(module
  (type (;0;) (func (param f32 i32 i64 i32)))
  (type (;1;) (func (param f64 i32) (result f64 i32 f64)))
  (type (;2;) (func (param i64) (result i32)))
  (import "gen" "h0" (func (;0;) (type 0) (param f32 i32 i64 i32)))
  (global (;0;) (mut f64) (f64.const 0.0))
  (global (;1;) (mut i64) (i64.const 0))
  (export "f3" (func 1))
  (func (;1;) (type 2) (param i64) (result i32)
    (local i32 i32)
    i32.const 0
    i32.const 0
    i32.const 1
    i32.const 0
    select
    f64.const 0.0
    i32.const 2
    local.set 2
    i32.const 0
    loop (type 1)
      i32.const 0
      i64.const 0
      f64.const 0.0
      i64.const 0
      i32.const 0
      f64.const 0.0
      i32.const 0
      local.get 2
      i32.const 1
      i32.sub
      local.tee 2
      br_if 0
      drop
      drop
      drop
      local.set 0
      global.set 0
      global.set 1
      local.set 1
      f64.const 0.0
    end
    global.set 0
    i32.const 0
    i32.and
    drop
    drop
    i32.eq
  )
)
