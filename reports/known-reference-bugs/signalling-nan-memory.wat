(module
  (memory 1)
  (func (export "store")
    i32.const 0
    f32.const -nan:0x3f8b51
    f32.const 0.0
    f32.min
    f32.store offset=21))
