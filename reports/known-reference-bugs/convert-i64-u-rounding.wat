(module
  (type (;0;) (func (param i32 f32 i32 i32 f64 i64 i64 i64 i32 i32 f64 i32 i32 i32 i32 f64 i32)))
  (type (;1;) (func (param i32 i32)))
  (type (;2;) (func (param i32 i32 f64 i32) (result f32 i32 f32 i32 i32)))
  (import "gen" "h0" (func (;0;) (type 0) (param i32 f32 i32 i32 f64 i64 i64 i64 i32 i32 f64 i32 i32 i32 i32 f64 i32)))
  (import "gen" "h1" (func (;1;) (type 1) (param i32 i32)))
  (import "gen" "h2" (func (;2;) (type 2) (param i32 i32 f64 i32) (result f32 i32 f32 i32 i32)))
  (export "f6" (func 3))
  (func (;3;) (type 2) (param i32 i32 f64 i32) (result f32 i32 f32 i32 i32)
    f64.const 0.0
    i64.const 0
    i64.const 0
    i32.const 0
    f64.const 0.0
    i32.const 0
    i64.const -5516189113358662986
    f32.convert_i64_u
    i32.const 0
    f32.const 0.0
    i32.const 0
    i32.const 0
    return
    drop
    drop
  )
)
