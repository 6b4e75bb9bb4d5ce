(module
  (func (export "min") (result f32)
    f32.const nan:0x200000
    f32.const 0
    f32.min))
