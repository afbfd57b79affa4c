namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>Retries an assertion until it holds or the time is up (then the last failure is thrown).</summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public static Task AssertAsync(Action assertion, TimeSpan timeout) => AssertAsync(() =>
    {
        assertion();
        return Task.CompletedTask;
    }, timeout);
}
