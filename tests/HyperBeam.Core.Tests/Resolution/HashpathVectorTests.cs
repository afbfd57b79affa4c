using System.Text.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>Hashpaths against HyperBEAM (tests/vectors/hashpath.json): chain functions, hb_path:hashpath/3,4, resolve.</summary>
public class HashpathVectorTests
{
    private const string File = "hashpath.json";

    public static IEnumerable<object[]> Crypto => VectorFile.Rows(File, "crypto");
    public static IEnumerable<object[]> Hashpath3 => VectorFile.Rows(File, "hashpath3");
    public static IEnumerable<object[]> Hashpath4 => VectorFile.Rows(File, "hashpath4");
    public static IEnumerable<object[]> Resolve => VectorFile.Rows(File, "resolve");

    [Theory]
    [MemberData(nameof(Crypto))]
    public void Chain_functions_match_hb_crypto(VectorCase v)
    {
        var id1 = TypedJson.ToBytes(v.Data.GetProperty("id1"));
        var id2 = TypedJson.ToBytes(v.Data.GetProperty("id2"));
        Assert.Equal(TypedJson.ToBytes(v.Data.GetProperty("sha256_chain")), HashpathAlgorithms.Sha256Chain(id1, id2));
        Assert.Equal(TypedJson.ToBytes(v.Data.GetProperty("accumulate")), HashpathAlgorithms.Accumulate(id1, id2));
    }

    [Theory]
    [MemberData(nameof(Hashpath3))]
    public void Hashpath_of_a_message_and_a_request_matches_hb_path_hashpath_3(VectorCase v)
    {
        var msg1 = TypedJson.ToMessage(v.Data.GetProperty("msg1"));
        var msg2 = TypedJson.ToMessage(v.Data.GetProperty("msg2"));
        Assert.Equal(v.Data.GetProperty("msg1_hashpath").GetString(), Hashpath.Of(msg1));
        Assert.Equal(v.Data.GetProperty("output").GetString(), Hashpath.Append(msg1, msg2));
    }

    [Theory]
    [MemberData(nameof(Hashpath4))]
    public void Appending_to_an_existing_hashpath_matches_hb_path_hashpath_4(VectorCase v)
    {
        var baseHashpath = v.Data.GetProperty("msg1_hashpath").GetString()!;
        var msg2 = TypedJson.ToMessage(v.Data.GetProperty("msg2"));
        Assert.Equal(v.Data.GetProperty("output").GetString(), Hashpath.Append(baseHashpath, msg2, HashpathAlgorithm.Sha256Chain));
    }

    [Theory]
    [MemberData(nameof(Resolve))]
    public async Task Resolve_result_and_its_hashpath_match_hb_ao_resolve(VectorCase v)
    {
        var msg1 = TypedJson.ToMessage(v.Data.GetProperty("msg1"));
        var request = v.Data.GetProperty("path_or_msg2") is { ValueKind: JsonValueKind.String } path
            ? Message.Empty.Set("path", path.GetString()!)
            : TypedJson.ToMessage(v.Data.GetProperty("path_or_msg2"));
        var output = v.Data.GetProperty("output");

        var result = await new Resolver().ResolveAsync(msg1, request, new ResolveOptions { Hashpath = HashpathMode.Update });

        ResolveAssert.Ok(TypedJson.ToValue(output.GetProperty("result")), result);
        var expectedHashpath = TypedJson.ToValue(output.GetProperty("result_priv_hashpath"));
        Assert.Equal(expectedHashpath is AoAtom { Name: "none" } ? null : ((AoBinary)expectedHashpath).Text, result.Hashpath);
    }
}
