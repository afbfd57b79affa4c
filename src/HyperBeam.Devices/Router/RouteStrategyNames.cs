namespace HyperBeam.Devices.Router;

/// <summary>The wire names of <see cref="RouteStrategy"/>.</summary>
public static class RouteStrategyNames
{
    public static bool TryParse(string? name, out RouteStrategy strategy)
    {
        (var known, strategy) = name switch
        {
            null or "All" => (true, RouteStrategy.All),
            "Random" => (true, RouteStrategy.Random),
            "By-Base" => (true, RouteStrategy.ByBase),
            "By-Weight" => (true, RouteStrategy.ByWeight),
            "Nearest" => (true, RouteStrategy.Nearest),
            _ => (false, RouteStrategy.All),
        };
        return known;
    }

    public static string Name(RouteStrategy strategy) => strategy switch
    {
        RouteStrategy.Random => "Random",
        RouteStrategy.ByBase => "By-Base",
        RouteStrategy.ByWeight => "By-Weight",
        RouteStrategy.Nearest => "Nearest",
        _ => "All",
    };
}
