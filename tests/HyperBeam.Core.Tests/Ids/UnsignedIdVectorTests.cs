using System.Text;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Core.Tests.Ids;

/// <summary>Unsigned IDs and their HMAC signature bases against HyperBEAM (tests/vectors/ids.json).</summary>
public class UnsignedIdVectorTests
{
    public static IEnumerable<object[]> Cases => VectorFile.Rows("ids.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hmac_signature_base_matches_HyperBEAM_byte_for_byte(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        var expected = TypedJson.ToBytes(v.Data.GetProperty("hmac_signature_bases")[0]);
        var actual = MessageIds.HmacSignatureBase(input);
        Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(actual));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unsigned_id_matches_HyperBEAM(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        Assert.Equal(v.Data.GetProperty("id_none").GetString(), MessageIds.Unsigned(input));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Id_with_all_commitments_of_an_uncommitted_message_is_its_unsigned_id(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        Assert.Equal(v.Data.GetProperty("id_all").GetString(), MessageIds.All(input));
        Assert.Equal(v.Data.GetProperty("id_default_uncommitted").GetString(), MessageIds.All(input));
    }
}
