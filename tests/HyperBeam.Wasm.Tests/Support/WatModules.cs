namespace HyperBeam.Wasm.Tests.Support;

/// <summary>The WAT test modules (Wasmtime compiles WAT text images directly).</summary>
public static class WatModules
{
    public const string Arithmetic = """
        (module
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
          (func (export "fac") (param f64) (result f64)
            (if (result f64) (f64.lt (local.get 0) (f64.const 1))
              (then (f64.const 1))
              (else (f64.mul (local.get 0) (call 2 (f64.sub (local.get 0) (f64.const 1)))))))
          (func (export "divmod") (param i32 i32) (result i32 i32)
            (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
          (func (export "nothing")))
        """;

    /// <summary>A memory64 module: a counter at address 8 and loads/stores anywhere in its 64-bit memory.</summary>
    public const string Memory64Counter = """
        (module
          (memory (export "memory") i64 1)
          (func (export "bump") (result i64)
            (i64.store (i64.const 8) (i64.add (i64.load (i64.const 8)) (i64.const 1)))
            (i64.load (i64.const 8)))
          (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
          (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
          (func (export "pages") (result i64) (memory.size)))
        """;

    /// <summary>pow(base, exponent) by repeated calls to the imported <c>my_lib.mul</c>.</summary>
    public const string PowWithImport = """
        (module
          (import "my_lib" "mul" (func $mul (param i64 i64) (result i64)))
          (func (export "pow") (param $b i64) (param $e i64) (result i64) (local $r i64)
            (local.set $r (i64.const 1))
            (block $done
              (loop $next
                (br_if $done (i64.eqz (local.get $e)))
                (local.set $r (call $mul (local.get $r) (local.get $b)))
                (local.set $e (i64.sub (local.get $e) (i64.const 1)))
                (br $next)))
            (local.get $r)))
        """;

    public const string Misbehaving = """
        (module
          (memory (export "memory") i64 1)
          (func (export "spin") (loop $forever (br $forever)))
          (func (export "grow-until-refused") (result i64)
            (loop $more (br_if $more (i64.ne (memory.grow (i64.const 16)) (i64.const -1))))
            (memory.size))
          (func (export "grow-or-trap") (result i64)
            (if (i64.eq (memory.grow (i64.const 100000)) (i64.const -1)) (then unreachable))
            (memory.size))
          (func (export "crash") unreachable)
          (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
        """;

    /// <summary>Asks for more initial memory (100 pages = 6.25 MiB) than the limited test device allows.</summary>
    public const string HugeInitialMemory = """(module (memory (export "memory") i64 100))""";

    /// <summary><c>(module (func (export "answer") (result i32) i32.const 42))</c> as a wasm binary.</summary>
    public static readonly byte[] AnswerBinary =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x0a, 0x01, 0x06, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x00, 0x00,
        0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
    ];
}
