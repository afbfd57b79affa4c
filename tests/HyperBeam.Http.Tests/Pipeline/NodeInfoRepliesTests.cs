using HyperBeam.Core.Messages;
using HyperBeam.Http.Observability;
using HyperBeam.Http.Pipeline;

namespace HyperBeam.Http.Tests.Pipeline;

public class NodeInfoRepliesTests
{
    private static readonly Message InfoGet = Message.Of(("path", NodeInfoReplies.Target), ("method", "GET"));

    private static EncodedReply Reply(int status = 200) => new(status, [new("content-type", "text/plain")], [1, 2, 3]);

    [Fact]
    public void A_kept_reply_is_found_only_for_the_node_message_it_was_built_for_and_its_codec()
    {
        var replies = new NodeInfoReplies();
        var node = Message.Of(("port", 1));
        var reply = Reply();
        replies.Keep(node, node, "httpsig@1.0", reply);

        Assert.Same(reply, replies.Find(node, "httpsig@1.0"));
        Assert.Null(replies.Find(node, "json@1.0"));
        Assert.Null(replies.Find(Message.Of(("port", 1)), "httpsig@1.0"));
    }

    [Fact]
    public void A_reply_built_for_a_node_message_that_has_changed_since_is_not_kept()
    {
        var replies = new NodeInfoReplies();
        var old = Message.Of(("port", 1));
        replies.Keep(old, old.Set("motd", "new"), "httpsig@1.0", Reply());
        Assert.Null(replies.Find(old, "httpsig@1.0"));
    }

    [Fact]
    public void A_new_node_message_version_drops_the_replies_of_the_old_one()
    {
        var replies = new NodeInfoReplies();
        var old = Message.Of(("port", 1));
        var next = old.Set("motd", "new");
        replies.Keep(old, old, "json@1.0", Reply());
        replies.Keep(next, next, "httpsig@1.0", Reply());
        Assert.Null(replies.Find(old, "json@1.0"));
        Assert.NotNull(replies.Find(next, "httpsig@1.0"));
    }

    [Fact]
    public void An_error_reply_is_not_kept()
    {
        var replies = new NodeInfoReplies();
        var node = Message.Of(("port", 1));
        replies.Keep(node, node, "httpsig@1.0", Reply(500));
        Assert.Null(replies.Find(node, "httpsig@1.0"));
    }

    [Fact]
    public void Only_a_plain_get_of_the_exact_target_on_a_node_without_hooks_and_untraced_qualifies()
    {
        var node = Message.Of(("port", 1));
        Assert.True(NodeInfoReplies.Qualifies(InfoGet, node, trace: null));
        Assert.False(NodeInfoReplies.Qualifies(InfoGet.Set("method", "POST"), node, trace: null));
        Assert.False(NodeInfoReplies.Qualifies(InfoGet.Set("path", NodeInfoReplies.Target + "?x=1"), node, trace: null));
        Assert.False(NodeInfoReplies.Qualifies(InfoGet.Set("path", "/~meta@1.0/build"), node, trace: null));
        Assert.False(NodeInfoReplies.Qualifies(InfoGet, node.Set("on", Message.Of(("request", Message.Of(("device", "x@1.0"))))), trace: null));
        Assert.False(NodeInfoReplies.Qualifies(InfoGet, node, new RequestTrace()));
    }
}
