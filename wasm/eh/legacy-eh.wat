;; Legacy exception handling (try/catch/catch_all/delegate/rethrow, as emscripten's -fwasm-exceptions and aos-2
;; modules use them) for the translation to try_table/exnref: every export takes no arguments and returns an i32
;; that node (V8 runs the legacy form natively) and Wasmtime (after the translation) must agree on.
;; Built by wasm/eh/build.sh with wabt's wat2wasm --enable-exceptions.
(module
  (type $ii (func (param i32) (result i32)))
  (tag $e0 (param i32))
  (tag $e2 (param i32 i64))
  (tag $none)
  (global $trace (mut i32) (i32.const 0))

  (func $log (param $digit i32)
    (global.set $trace (i32.add (i32.mul (global.get $trace) (i32.const 10)) (local.get $digit))))

  (func $thrower (param $v i32) (result i32)
    (if (i32.ne (local.get $v) (i32.const 0)) (then (throw $e0 (local.get $v))))
    (i32.const 7))

  (func $deep (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (throw $e2 (i32.const 40) (i64.const 2))))
    (i32.add (call $deep (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))

  ;; catch with the tag's param
  (func (export "catch_param") (result i32)
    (try (result i32)
      (do (call $thrower (i32.const 41)) (drop) (i32.const 0))
      (catch $e0 (i32.add (i32.const 1)))))

  ;; no exception: the body's value, the handler does not run
  (func (export "no_throw") (result i32)
    (try (result i32)
      (do (call $thrower (i32.const 0)))
      (catch $e0 (drop) (i32.const -1))))

  ;; two params, thrown five calls deep
  (func (export "catch_two_params_across_calls") (result i32)
    (local $low i64)
    (try (result i32)
      (do (call $deep (i32.const 5)))
      (catch $e2 (local.set $low) (i32.add (i32.wrap_i64 (local.get $low))))))

  (func (export "catch_all") (result i32)
    (try (result i32)
      (do (throw $none) (i32.const 0))
      (catch_all (i32.const 3))))

  ;; the second of three clauses matches
  (func (export "multiple_catches") (result i32)
    (try (result i32)
      (do (throw $e2 (i32.const 5) (i64.const 6)))
      (catch $e0 (drop) (i32.const 100))
      (catch $e2 (drop) (i32.add (i32.const 200)))
      (catch_all (i32.const 300))))

  ;; an exception no clause names falls to catch_all
  (func (export "catch_all_after_catches") (result i32)
    (try (result i32)
      (do (throw $none))
      (catch $e0 (drop) (i32.const 100))
      (catch_all (i32.const 300))))

  ;; the inner try does not catch $e2, the outer one does
  (func (export "nested_try") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e2 (i32.const 9) (i64.const 0)))
          (catch $e0 (drop) (i32.const 1000))))
      (catch $e2 (drop))))

  ;; rethrow 0 from a handler: the outer handler sees the same exception (param 41)
  (func (export "rethrow_0") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 41)))
          (catch $e0 (drop) (call $log (i32.const 1)) (rethrow 0))))
      (catch $e0 (call $log (i32.const 2)) (i32.add (i32.mul (global.get $trace) (i32.const 1000))))))

  ;; rethrow 1 from a handler nested in another handler: rethrows the OUTER caught exception (e0 5), not the inner (e0 6)
  (func (export "rethrow_1_from_nested_handler") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 5)))
          (catch $e0
            (drop)
            (try (result i32)
              (do (throw $e0 (i32.const 6)))
              (catch $e0 (drop) (rethrow 1))))))
      (catch $e0)))

  ;; rethrow 0 from a handler nested in another handler: rethrows the INNER caught exception (e0 6)
  (func (export "rethrow_0_from_nested_handler") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 5)))
          (catch $e0
            (drop)
            (try (result i32)
              (do (throw $e0 (i32.const 6)))
              (catch $e0 (drop) (rethrow 0))))))
      (catch $e0)))

  ;; delegate to a try that is in its handler: that try's own clauses do not see it, the next try out does
  (func (export "delegate_to_try_in_handler") (result i32)
    (try (result i32)
      (do
        (try $t (result i32)
          (do (throw $none))
          (catch_all
            (try (result i32)
              (do (throw $e0 (i32.const 90)))
              (delegate $t)))))
      (catch $e0 (i32.add (i32.const 6)))))

  ;; rethrow of a catch_all exception
  (func (export "rethrow_catch_all") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 77)))
          (catch_all (rethrow 0))))
      (catch $e0)))

  ;; delegate 0: the exception goes to the try right outside
  (func (export "delegate_0") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 12)))
          (delegate 0)))
      (catch $e0 (i32.add (i32.const 1)))))

  ;; delegate 1 skips the middle try's handler (which would answer 500) and lands in the outer one
  (func (export "delegate_1") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do
            (try (result i32)
              (do (throw $e0 (i32.const 20)))
              (delegate 1)))
          (catch $e0 (drop) (i32.const 500))))
      (catch $e0 (i32.add (i32.const 2)))))

  ;; delegate to a block label: the try around that block handles it
  (func (export "delegate_to_block") (result i32)
    (try (result i32)
      (do
        (block $b (result i32)
          (try (result i32)
            (do
              (try (result i32)
                (do (throw $e0 (i32.const 30)))
                (delegate $b)))
            (catch $e0 (drop) (i32.const 500)))))
      (catch $e0 (i32.add (i32.const 3)))))

  ;; delegate to the function level: the exception leaves the function past its own handler
  (func $delegate_to_caller (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e0 (i32.const 50)))
          (delegate 1)))
      (catch $e0 (drop) (i32.const 500))))
  (func (export "delegate_to_caller") (result i32)
    (try (result i32)
      (do (call $delegate_to_caller))
      (catch $e0 (i32.add (i32.const 4)))))

  ;; br out of a try body and out of a handler to labels outside the try
  (func (export "branch_out_of_try_body") (result i32)
    (block $out (result i32)
      (try (result i32)
        (do (br $out (i32.const 61)))
        (catch_all (i32.const 0)))
      (drop)
      (i32.const 0)))
  (func (export "branch_out_of_handler") (result i32)
    (block $out (result i32)
      (try (result i32)
        (do (throw $e0 (i32.const 62)))
        (catch $e0 (br $out)))
      (drop)
      (i32.const 0)))
  ;; br to the try's own label from body and handler; br_if and br_table through the added blocks
  (func (export "branch_to_try_label") (result i32)
    (local $sum i32)
    (local $index i32)
    (local.set $sum
      (try $t (result i32)
        (do (br $t (i32.const 10)) (i32.const 0))
        (catch_all (i32.const 0))))
    (local.set $sum (i32.add (local.get $sum)
      (try $t (result i32)
        (do (throw $none))
        (catch_all (br_if $t (i32.const 20) (i32.const 1)) (drop) (i32.const 0)))))
    (i32.add (local.get $sum)
      (block $a (result i32)
        (block $b (result i32)
          (try (result i32)
            (do (throw $e0 (i32.const 1)))
            (catch $e0 (local.set $index) (i32.const 30) (local.get $index) (br_table $b $a $b))))
        (drop)
        (i32.const 0)))
    ;; 10 + 20 + 30
    )

  ;; a loop in a handler that branches back to its own start
  (func (export "loop_in_handler") (result i32)
    (local $i i32)
    (try (result i32)
      (do (throw $e0 (i32.const 0)))
      (catch $e0
        (local.set $i)
        (loop $again
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $again (i32.lt_s (local.get $i) (i32.const 8))))
        (local.get $i))))

  ;; a try with a block param and two results (multi-value block types)
  (func (export "try_with_params_and_results") (result i32)
    (i32.const 5)
    (try (param i32) (result i32 i32)
      (do (i32.const 6) (throw $e2 (i64.const 0)))
      (catch $e2 (drop) (i32.const 8)))
    (i32.add)
    ;; 6 + 8
    )
  (func (export "try_with_params_no_throw") (result i32)
    (i32.const 5)
    (try (param i32) (result i32 i32)
      (do (i32.const 6))
      (catch_all (i32.const 0) (i32.const 0)))
    (i32.mul))

  ;; a delegate target with params
  (func (export "delegate_into_try_with_params") (result i32)
    (i32.const 100)
    (try (param i32) (result i32)
      (do
        (drop)
        (try (result i32)
          (do (throw $e0 (i32.const 23)))
          (delegate 0)))
      (catch $e0 (i32.add (i32.const 1))))
    )

  ;; code after a throw is unreachable and still valid
  (func (export "unreachable_after_throw") (result i32)
    (try (result i32)
      (do (throw $e0 (i32.const 70)) (i32.add (i32.const 1)) (drop) (drop) (unreachable))
      (catch $e0 (return) (i32.const 5))))

  ;; an exception thrown from a handler to the caller's handler
  (func $throw_from_handler (result i32)
    (try (result i32)
      (do (throw $e0 (i32.const 1)))
      (catch $e0 (throw $e0 (i32.add (i32.const 80))))))
  (func (export "throw_from_handler_across_call") (result i32)
    (try (result i32)
      (do (call $throw_from_handler))
      (catch $e0)))

  ;; a trap is not an exception: catch_all does not see it
  (func (export "trap_is_not_caught") (result i32)
    (try (result i32)
      (do (unreachable))
      (catch_all (i32.const 1))))

  ;; an exception no one catches leaves the module
  (func (export "uncaught") (result i32)
    (throw $e0 (i32.const 1)))
)
