using ImageBuild.Errors;
using ImageBuild.Tasks;

namespace ImageBuild.Tests.Tasks;

public sealed class PublishLayeringTests
{
    private static readonly PublishFile[] Files =
    [
        new("/p/app.dll", "app.dll", null, null, false, false, ""),
        new("/p/libcoreclr.so", "libcoreclr.so", "Microsoft.NETCore.App.Runtime.linux-x64", "10.0.1", true, false, ""),
        new("/p/Newtonsoft.Json.dll", "Newtonsoft.Json.dll", "Newtonsoft.Json", "13.0.3", false, false, ""),
        new("/p/lib.dll", "lib.dll", null, null, false, true, ""),
        new("/p/wwwroot/site.css", "wwwroot/site.css", null, null, false, false, ""),
    ];

    [Fact]
    public void Auto_orders_groups_from_least_to_most_changing()
    {
        var layers = PublishLayering.Layers(Files, "auto", "/app/", null);

        Assert.Equal(["runtime", "packages", "dependencies", "app"], layers.Select(l => l.Name));
        Assert.Equal(["/app/lib.dll", "/app/wwwroot/site.css"], layers[2].Sources.Select(s => s.Destination));
        Assert.Equal("COPY app /app/ (1 files)", layers[3].Describe());
    }

    [Fact]
    public void Empty_groups_make_no_layer_and_single_makes_one()
    {
        Assert.Equal(["app"], PublishLayering.Layers(Files.Take(1), "auto", "/srv", null).Select(l => l.Name));
        Assert.Equal("/srv/app.dll", PublishLayering.Layers(Files.Take(1), "auto", "/srv", null)[0].Sources[0].Destination);
        Assert.Equal(5, Assert.Single(PublishLayering.Layers(Files, "single", "/app/", null)).Sources.Count);
    }

    [Fact]
    public void Unknown_layering_is_a_user_error() =>
        Assert.Throws<InvalidInputException>(() => PublishLayering.Layers(Files, "fine", "/app/", null));
}
