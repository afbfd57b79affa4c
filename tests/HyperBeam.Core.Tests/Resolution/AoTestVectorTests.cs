using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

public class AoTestVectorTests
{
    private static readonly Resolver Resolver = new(TestDevices.Registry);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var test in AoTestVectors.Tests.Keys)
            foreach (var profile in AoTestVectors.Profiles.Keys)
                data.Add(test, profile);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Hb_ao_test_vector(string test, string profile) =>
        AoTestVectors.Tests[test](Resolver, AoTestVectors.Profiles[profile]);
}
