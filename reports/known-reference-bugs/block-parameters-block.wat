(module
  (type (;0;) (func (param i32 f64 f32 i32 i32 i64 i64 i32 i32 i64 i32)))
  (type (;1;) (func (param f64 i32 f64 i32 i32) (result i32 i32)))
  (type (;2;) (func (param i32 i32 f32 i32 i64 f32 i32 f64 i32)))
  (type (;3;) (func (param i32 i64) (result f32 i64)))
  (type (;4;) (func (param f32 i32) (result i32 i64 f32)))
  (import "gen" "h0" (func (;0;) (type 0) (param i32 f64 f32 i32 i32 i64 i64 i32 i32 i64 i32)))
  (import "gen" "h1" (func (;1;) (type 1) (param f64 i32 f64 i32 i32) (result i32 i32)))
  (import "gen" "h2" (func (;2;) (type 2) (param i32 i32 f32 i32 i64 f32 i32 f64 i32)))
  (export "f5" (func 3))
  (func (;3;) (type 3) (param i32 i64) (result f32 i64)
    (local i32 i32)
    f32.const 1.0
    i32.const 0
    f64.const 0.0
    i32.const 0
    f32.const 0.0
    i32.const 0
    i32.const 0
    f32.const 0.0
    i32.const 0
    f32.const 0.0
    i32.const 0
    block (type 4)
      i32.const 0
      i64.const 0
      f32.const 0.0
      br 0
    end
    drop
    drop
    i32.xor
    drop
    drop
    local.set 2
    drop
    drop
    local.set 3
    drop
    drop
    i64.const 0
  )
)
