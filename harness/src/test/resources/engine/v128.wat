;; v128 crossing the boundary: a parameter, a result and a global (no SIMD instructions).
(module
  (func (export "id_v128") (param v128) (result v128) local.get 0)
  (global (export "gv") v128 (v128.const i32x4 1 2 3 4)))
