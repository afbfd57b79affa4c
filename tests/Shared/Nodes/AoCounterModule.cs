namespace HyperBeam.Tests.Shared;

/// <summary>
/// A lua@5.3a process module shaped for aoconnect: it counts the messages it computes (the process message at slot 0
/// is the first), and <c>Action: Info</c> only reports the count. Output goes where aoconnect reads it: the results'
/// <c>raw</c> for result, the state's <c>raw</c> for dryrun. Keys are lower case: Lua tables become messages with
/// lower-cased keys.
/// </summary>
public static class AoCounterModule
{
    public const string Source = """
        function compute(base, req)
          local msg = req.body or req
          local count = base.count or 0
          if msg.action == "Info" then
            base.raw = { output = { data = "count is " .. count } }
            return base
          end
          count = count + 1
          base.count = count
          local out = { output = { data = "count " .. count } }
          base.results = { raw = out }
          base.raw = out
          return base
        end
        """;

    /// <summary>The same counter kept in a Lua global (as AOS keeps its state), not in the message.</summary>
    public const string GlobalSource = """
        Count = 0
        function compute(base, req)
          local msg = req.body or req
          if msg.action ~= "Info" then Count = Count + 1 end
          local out = { output = { data = "count " .. Count } }
          base.results = { raw = out }
          base.raw = out
          return base
        end
        """;
}
