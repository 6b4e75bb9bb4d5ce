;; Runs forever, for interruption tests: through br, br_if and calls.
(module
  (func (export "spin_br") (loop $l (br $l)))
  (func (export "spin_br_if") (loop $l (br_if $l (i32.const 1))))
  (func $again (export "spin_call") (return_call $again))
)
