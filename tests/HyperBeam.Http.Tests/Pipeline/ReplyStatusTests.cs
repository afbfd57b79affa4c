using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Pipeline;

namespace HyperBeam.Http.Tests.Pipeline;

public class ReplyStatusTests
{
    [Theory]
    [InlineData(ResolveStatus.Ok, 200)]
    [InlineData(ResolveStatus.Created, 201)]
    [InlineData(ResolveStatus.Error, 400)]
    [InlineData(ResolveStatus.NotFound, 404)]
    [InlineData(ResolveStatus.Failure, 500)]
    [InlineData(ResolveStatus.Unavailable, 503)]
    public void Each_result_status_has_its_http_status(ResolveStatus status, int expected) =>
        Assert.Equal(expected, ReplyStatus.Of(new ResolveResult(status, AoBinary.FromString("x"))));

    [Fact]
    public void Infinite_recursion_answers_508_loop_detected() =>
        Assert.Equal(508, ReplyStatus.Of(ResolveResult.InfiniteRecursion(65)));

    [Theory]
    [InlineData(504)]
    [InlineData(201)]
    public void A_status_key_in_the_result_wins(int status) =>
        Assert.Equal(status, ReplyStatus.Of(ResolveResult.Ok(Message.Of(("status", status)))));

    [Fact]
    public void A_status_given_as_text_or_a_name_is_understood()
    {
        Assert.Equal(404, ReplyStatus.Of(ResolveResult.Ok(Message.Of(("status", "404")))));
        Assert.Equal(503, ReplyStatus.Of(ResolveResult.Ok(Message.Of(("status", AoAtom.Of("unavailable"))))));
    }
}
