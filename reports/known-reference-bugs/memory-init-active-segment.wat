(module
  (type (;0;) (func (param f32 i32 funcref i64 externref)))
  (memory (;0;) 1)
  (export "f0" (func 0))
  (func (;0;) (type 0) (param f32 i32 funcref i64 externref)
    i32.const 0
    i32.const 1
    i32.const 0
    memory.init 0 0
  )
  (data (;0;) (memory 0) (offset (i32.const 36896)) "O")
)
