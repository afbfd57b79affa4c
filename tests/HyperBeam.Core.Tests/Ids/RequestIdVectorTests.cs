using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Core.Tests.Ids;

/// <summary>
/// IDs of request messages holding RFC 9421 derived-component keys (<c>path</c>, <c>method</c>), read off the
/// hashpaths HyperBEAM produced in tests/vectors/hashpath.json: a hashpath's last part is the request's ID.
/// </summary>
public class RequestIdVectorTests
{
    public static IEnumerable<object[]> Cases => VectorFile.Rows("hashpath.json", "hashpath3", nameField: "fn");

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_id_of_a_request_with_more_than_a_path_is_the_hashpath_part(VectorCase v)
    {
        var request = TypedJson.ToMessage(v.Data.GetProperty("msg2"));
        var output = v.Data.GetProperty("output").GetString()!;
        var part = output[(output.IndexOf('/') + 1)..];
        if (request.Without("path").IsEmpty)
            Assert.Equal(request.GetText("path"), part);
        else
            Assert.Equal(part, MessageIds.All(request));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_first_hashpath_part_is_the_id_of_the_base_message(VectorCase v)
    {
        var base1 = TypedJson.ToMessage(v.Data.GetProperty("msg1"));
        Assert.Equal(v.Data.GetProperty("msg1_hashpath").GetString(), MessageIds.All(base1));
    }

    [Fact]
    public void Derived_component_keys_sign_under_their_bare_name_and_are_listed_with_an_at_sign()
    {
        var signatureBase = System.Text.Encoding.UTF8.GetString(
            MessageIds.HmacSignatureBase(Message.Of(("method", "GET"), ("path", "a"))));
        Assert.Equal(
            "\"method\": GET\n\"path\": a\n\"@signature-params\": (\"@method\" \"@path\");alg=\"hmac-sha256\";keyid=\"ao\"",
            signatureBase);
    }
}
