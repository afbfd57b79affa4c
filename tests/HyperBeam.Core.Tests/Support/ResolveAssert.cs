using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Tests.Support;

/// <summary>Assertions on resolve results that show the whole result when they fail.</summary>
public static class ResolveAssert
{
    public static void Ok(AoValue expected, ResolveResult actual)
    {
        Assert.True(actual.IsOk, $"expected ok {expected}, got {actual}");
        Assert.Equal(expected, actual.Value);
    }

    public static Message OkMessage(ResolveResult actual)
    {
        Assert.True(actual.IsOk, $"expected an ok message, got {actual}");
        return Assert.IsType<Message>(actual.Value);
    }

    public static void Status(ResolveStatus expected, ResolveResult actual) =>
        Assert.True(actual.Status == expected, $"expected {expected}, got {actual}");

    public static void Error(string code, ResolveResult actual)
    {
        Assert.False(actual.IsOk, $"expected an error {code}, got {actual}");
        Assert.Equal(code, actual.ErrorCode);
    }
}
