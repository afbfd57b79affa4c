using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Messages;

public class MessageModelTests
{
    [Fact]
    public void Keys_are_lower_cased_and_kept_in_code_point_order()
    {
        var m = Message.Of(("B", "2"), ("a", "1"), ("Content-Type", "x"));
        Assert.Equal(["a", "b", "content-type"], m.Keys);
        Assert.Equal("2", m.GetText("b"));
        Assert.Equal("2", m.GetText("B"));
    }

    [Fact]
    public void Id_shaped_keys_keep_their_case()
    {
        const string id = "VnYnaoOvankqXk13s502zpiq9PIaqFHDRcIrTNhyqKQ";
        var m = Message.Of((id, "x"));
        Assert.Equal([id], m.Keys);
    }

    [Fact]
    public void Private_keys_never_show_in_keys_or_lookups()
    {
        var m = Message.Of(("a", "1")).Set("priv", Message.Of(("secret", "s"))).Set("priv-hashpath", "hp");
        Assert.Equal(["a"], m.Keys);
        Assert.Null(m.Get("priv"));
        Assert.Equal("s", m.Priv.GetText("secret"));
        Assert.Equal("hp", m.Priv.GetText("hashpath"));
        Assert.True(Message.Of(("a", "1")).Equals(m));
    }

    [Fact]
    public void Set_and_remove_return_new_messages_and_leave_the_original_alone()
    {
        var a = Message.Of(("x", 1));
        var b = a.Set("y", 2);
        var c = b.Remove("x");
        Assert.Equal(["x"], a.Keys);
        Assert.Equal(["x", "y"], b.Keys);
        Assert.Equal(["y"], c.Keys);
    }

    [Fact]
    public void Values_compare_by_content()
    {
        Assert.True(AoList.Of(1, "a", true).Equals(AoList.Of(1L, "a", AoAtom.True)));
        Assert.NotEqual<AoValue>(new AoInteger(1), AoBinary.FromString("1"));
        Assert.True(Message.Of(("m", Message.Of(("k", 1.5)))).Equals(Message.Of(("m", Message.Of(("k", 1.5))))));
    }

    [Fact]
    public void A_list_answers_one_based_keys()
    {
        var list = AoList.Of("a", "b");
        Assert.Equal(AoBinary.FromString("b"), list.GetByKey("2"));
        Assert.Null(list.GetByKey("0"));
        Assert.Null(list.GetByKey("3"));
        Assert.Equal(["1", "2"], list.ToNumberedMessage().Keys);
    }
}
