using Akka.Configuration;

namespace HyperBeam.Processes.Compute;

/// <summary>The serializer bindings of the compute side, to layer into the node's Akka configuration.</summary>
public static class ComputeSerialization
{
    public const string Hocon = """
        akka.actor {
          serializers.hb-compute = "HyperBeam.Processes.Compute.ComputeSerializer, HyperBeam.Processes"
          serialization-bindings {
            "HyperBeam.Processes.Compute.ComputeSnapshot, HyperBeam.Processes" = hb-compute
            "HyperBeam.Processes.Compute.ComputeCheckpoint, HyperBeam.Processes" = hb-compute
          }
          serialization-identifiers {
            "HyperBeam.Processes.Compute.ComputeSerializer, HyperBeam.Processes" = 8301
          }
        }
        """;

    public static Config Config => ConfigurationFactory.ParseString(Hocon);
}
