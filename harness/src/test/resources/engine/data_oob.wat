;; Instantiation traps: the data segment ends past the single page.
(module
  (memory 1)
  (data (i32.const 65534) "abc")
)
