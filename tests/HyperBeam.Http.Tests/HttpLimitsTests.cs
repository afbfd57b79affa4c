namespace HyperBeam.Http.Tests;

public class HttpLimitsTests
{
    [Fact]
    public void Default_limits_match_the_node_defaults()
    {
        var limits = new HttpLimits();
        Assert.Equal(16 * 1024 * 1024, limits.MaxBodyBytes);
        Assert.Equal(512, limits.MaxSegmentBytes);
    }
}
