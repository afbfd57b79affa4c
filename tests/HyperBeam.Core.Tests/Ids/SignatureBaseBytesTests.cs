using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Ids;

/// <summary>
/// The signature base is sized before it is written: its bytes must be exactly the lines HyperBEAM builds, with
/// values trimmed of spaces and newlines folded, names escaped and UTF-8, and a lone parameters line when nothing
/// is covered.
/// </summary>
public class SignatureBaseBytesTests
{
    [Fact]
    public void Lines_are_written_as_hyperbeam_writes_them()
    {
        var encoded = Message.Of(("method", "POST"), ("a", "  two\nlines  "), ("é\"q", "ü"), ("empty", ""));
        var components = new[] { "@method", "a", "é\"q", "empty" };

        var bytes = SignatureBase.Build(encoded, components, "(\"@method\" \"a\");alg=\"x\"");

        var expected = "\"method\": POST\n\"a\": two lines\n\"é\\\"q\": ü\n\"empty\": \n\"@signature-params\": (\"@method\" \"a\");alg=\"x\"";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes);
    }

    [Fact]
    public void No_components_leave_a_newline_then_the_parameters()
    {
        Assert.Equal("\n\"@signature-params\": ();alg=\"hmac-sha256\""u8.ToArray(),
            SignatureBase.Build(Message.Empty, [], "();alg=\"hmac-sha256\""));
    }

    [Fact]
    public void A_component_the_message_lacks_is_refused()
    {
        var e = Assert.Throws<CodecException>(() => SignatureBase.Build(Message.Of(("a", "1")), ["a", "b"], "()"));
        Assert.Contains("'b'", e.Message);
    }
}
