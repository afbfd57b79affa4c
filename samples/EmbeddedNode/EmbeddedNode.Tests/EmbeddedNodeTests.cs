using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EmbeddedNode.Tests;

public sealed class EmbeddedNodeTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    [Fact]
    public async Task Stock_added_through_the_apps_endpoint_is_read_by_the_apps_device_from_csharp_and_over_the_ao_api()
    {
        using (var added = await app.Http.PostAsync("/api/stock/apple/3", null)) Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using (var more = await app.Http.PostAsync("/api/stock/apple/2", null)) Assert.Equal(HttpStatusCode.OK, more.StatusCode);

        var viaApp = await app.Http.GetFromJsonAsync<JsonElement>("/api/stock/apple");
        Assert.Equal(5, viaApp.GetProperty("count").GetInt64());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/~inventory@1.0/count?item=apple");
        request.Headers.Accept.ParseAdd("application/json");
        using var viaNode = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, viaNode.StatusCode);
        var json = await viaNode.Content.ReadFromJsonAsync<JsonElement>();
        // The node speaks HyperBEAM's JSON: integers travel as strings typed by ao-types.
        Assert.Equal("5", json.GetProperty("count").GetString());
    }

    [Fact]
    public async Task The_custom_device_refuses_a_count_without_an_item()
    {
        using var reply = await app.Http.GetAsync("/~inventory@1.0/count");

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
    }

    [Fact]
    public async Task The_node_runs_inside_the_app_with_its_info_and_dashboard()
    {
        using var root = await app.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, root.StatusCode);
        Assert.Equal("/~hyperbuddy@1.0/index", root.Headers.Location!.OriginalString);

        using var dashboard = await app.Http.GetAsync("/~hyperbuddy@1.0/index");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Resolve a path", await dashboard.Content.ReadAsStringAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/info");
        request.Headers.Accept.ParseAdd("application/json");
        using var info = await app.Http.SendAsync(request);
        var json = await info.Content.ReadFromJsonAsync<JsonElement>();
        // A list is an object keyed "1", "2", … in HyperBEAM's JSON.
        Assert.Equal("memory", json.GetProperty("store").GetProperty("1").GetProperty("type").GetString());
        // An atom travels in its structured-field form, typed by ao-types.
        Assert.Equal("false", json.GetProperty("features").GetProperty("cluster").GetString()!.Trim('"'));
    }
}
