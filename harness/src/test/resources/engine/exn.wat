;; A Wasm exception that escapes the exported function (needs wat2wasm --enable-exceptions).
(module
  (tag $e (export "e") (param i32 f64))
  (func (export "throw") (param i32) (throw $e (local.get 0) (f64.const 2.5))))
