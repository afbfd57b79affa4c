namespace HyperBeam.Lua.Tests;

/// <summary>Lua scripts the tests run; in the spirit of HyperBEAM's test/test.lua.</summary>
internal static class Scripts
{
    public const string Basics = """
        function assoctable()
          return { a = 1, b = 2, c = 3 }
        end

        function ListTable()
          return { 1, 2, 3 }
        end

        function error_response()
          return "error", "Lua reports a problem."
        end

        function not_here()
          return "not_found", "nothing under that name"
        end

        function odd_status()
          return "sideways", 1
        end

        function hello(base, req, opts)
          base.hello = req.name or "world"
          return base
        end

        function nothing() end

        function several()
          return "ok", "first", "ignored"
        end

        function arity(...)
          return select("#", ...)
        end

        function echo(base, req)
          return req.value
        end

        function describe(base, req)
          return type(req.value) .. ":" .. (math.type(req.value) or "-")
        end

        function compute(base, req)
          base.count = (base.count or 0) + 1
          return base
        end

        function fails()
          local t = nil
          return t.field
        end

        function raises_table()
          error({ status = 418, body = "a teapot" })
        end
        """;
}
