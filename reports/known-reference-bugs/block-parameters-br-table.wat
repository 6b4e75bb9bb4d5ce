(module
  (type (;0;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;1;) (func (result f32 i64 f32 i32 f32)))
  (type (;2;) (func (param f64) (result i32)))
  (type (;3;) (func (param i32) (result i32)))
  (import "gen" "h0" (func (;0;) (type 0) (param i32 i32 i32 i32) (result i32)))
  (import "gen" "h1" (func (;1;) (type 1) (result f32 i64 f32 i32 f32)))
  (global (;0;) (mut i32) (i32.const 0))
  (export "f2" (func 2))
  (export "g2" (global 0))
  (func (;2;) (type 3) (param i32) (result i32)
    (local i64)
    i64.const 0
    f64.const 0.0
    i64.const 0
    i32.const 0
    f64.const 197.0
    f64.sqrt
    block (type 2)
      i32.const 0
      i32.const 0
      br_table 0 1 1 1 1 0 0
    end
    i32.rotl
    global.set 0
    drop
    drop
    local.set 1
    i32.const 0
  )
)
