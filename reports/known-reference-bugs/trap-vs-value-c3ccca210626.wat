(module
  (type (;0;) (func (param i32) (result i32 i32)))
  (type (;1;) (func (param i32 f32) (result i32 i32 i32)))
  (import "gen" "h0" (func (;0;) (type 0) (param i32) (result i32 i32)))
  (memory (;0;) 2)
  (global (;0;) (mut i32) (i32.const 0))
  (export "f2" (func 1))
  (func (;1;) (type 0) (param i32) (result i32 i32)
    (local i32 i32)
    (local i64)
    (local f32 f32)
    (local i32)
    i32.const 0
    i32.const 0
    f32.const 0.0
    i32.const 0
    f32.const 0.0
    i64.const 0
    i32.const 0
    f32.const 0.0
    i32.const 0
    i32.const 0
    f32.const 0.0
    i32.const 0
    i32.const 0
    i32.const 1
    memory.init 0 0
    block (type 1)
      f64.const 0.0
      i32.const 0
      i64.const 0
      i32.const 0
      i32.const 0
      i32.const 0
      br 0
      br 1
      global.get 0
      local.get 2
      i32.and
      global.get 0
      local.get 6
    end
    i32.eq
    i32.lt_u
    drop
    local.set 1
    local.set 4
    drop
    local.set 3
    local.set 4
    local.set 2
    local.set 5
    local.set 2
    i32.const 0
  )
  (data (;0;) (memory 0) (offset (i32.const 88176)) "`")
)
