(module
  (global (export "g") (mut f64) (f64.const nan:0x3e1d9d3e417b))
  (func (export "max")
    f64.const 0.0
    global.get 0
    f64.max
    global.set 0))
