namespace HyperBeam.Wasm.Tests.Support;

/// <summary>
/// Retries an assertion until it holds or a generous deadline passes (then the last failure is thrown): instance
/// threads end on their own after disposal, so tests wait for that condition instead of sleeping or timing anything.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task AssertAsync(Action assertion)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
