;; Instructions of every family the translation's decoder must step over, inside and around legacy try blocks, in a
;; wasm64 (memory64) module: SIMD, relaxed-free 0xFD lanes and memargs, bulk memory and saturating conversions (0xFC),
;; sign extension, reference types, typed select, tail calls, multi-value blocks, i64 memargs with large offsets.
;; Built by wasm/eh/build.sh with wabt's wat2wasm --enable-exceptions --enable-memory64 --enable-tail-call; run by Wasmtime only (known answers).
(module
  (type $pair (func (param i32) (result i32 i32)))
  (memory $m i64 2)
  (table $t 2 funcref)
  (elem declare func $seven)
  (data $d "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (tag $e (param i64))

  (func $seven (result i32) (i32.const 7))
  (func $tail (param $x i32) (result i32) (return_call $double (local.get $x)))
  (func $double (param $x i32) (result i32) (i32.shl (local.get $x) (i32.const 1)))

  ;; 1 + 2 + ... : SIMD loads/lanes, bulk memory, sat conversion, sign extension, typed select, ref.func, tail call
  (func (export "everything") (result i32)
    (local $v v128)
    (local $sum i32)
    (try (result i32)
      (do
        (memory.init $d (i64.const 65536) (i32.const 0) (i32.const 16))
        (memory.copy (i64.const 0) (i64.const 65536) (i64.const 16))
        (memory.fill (i64.const 16) (i32.const 0) (i64.const 16))
        (data.drop $d)
        (local.set $v (v128.load offset=65536 align=16 (i64.const 0)))
        (local.set $v (i8x16.add (local.get $v) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1)))
        (local.set $v (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get $v) (local.get $v)))
        (local.set $sum (i8x16.extract_lane_u 0 (local.get $v)))                       ;; 17
        (local.set $v (v128.load8_lane 3 (i64.const 2) (local.get $v)))               ;; lane 3 := 3
        (local.set $sum (i32.add (local.get $sum) (i8x16.extract_lane_s 3 (local.get $v))))  ;; 20
        (v128.store32_lane offset=4 0 (i64.const 32) (local.get $v))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u offset=4 (i64.const 32)))) ;; + 17 = 37
        (local.set $sum (i32.add (local.get $sum) (i32.trunc_sat_f32_s (f32.const 1e10)))) ;; saturates to 2147483647
        (local.set $sum (i32.sub (local.get $sum) (i32.const 2147483647)))               ;; 37
        (local.set $sum (i32.add (local.get $sum) (i32.extend8_s (i32.const 0xff))))     ;; 36
        (local.set $sum (i32.add (local.get $sum)
          (select (result i32) (i32.const 4) (i32.const 100) (ref.is_null (ref.func $seven)))))  ;; + 100 = 136
        (table.set $t (i32.const 1) (ref.func $seven))
        (local.set $sum (i32.add (local.get $sum) (call_indirect $t (result i32) (i32.const 1))))  ;; 143
        (local.set $sum (i32.add (local.get $sum) (call $tail (i32.const 3))))           ;; 149
        (i64.store offset=65540 (i64.const 0) (i64.const 5))
        (throw $e (i64.load offset=65540 (i64.const 0))))
      (catch $e (i32.wrap_i64) (local.get $sum) (i32.add))))                      ;; 149 + 5 = 154

  ;; a 4 GiB - 1 offset (a five-byte memarg) past the 128 KiB memory traps, and a trap is no exception
  (func (export "large_offset_traps") (result i32)
    (try (result i32)
      (do (i32.load offset=4294967295 (i64.const 0)))
      (catch_all (i32.const -1))))

  ;; multi-value block type through a type index and a catch_all around it
  (func (export "multi_value") (result i32)
    (i32.const 4)
    (try (type $pair) (param i32) (result i32 i32)
      (do (block (type $pair) (param i32) (result i32 i32) (i32.const 5)))
      (catch_all (i32.const 0) (i32.const 0)))
    (i32.mul))
)
