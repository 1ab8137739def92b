using ImageBuild.Errors;
using ImageBuild.Publishing;

namespace ImageBuild.Tests.Publishing;

public sealed class PublishLayeringTests
{
    private static readonly PublishFile[] Files =
    [
        new("/p/app.dll", "app.dll", null, false, false, ""),
        new("/p/libcoreclr.so", "libcoreclr.so", "Microsoft.NETCore.App.Runtime.linux-x64", true, false, ""),
        new("/p/Newtonsoft.Json.dll", "Newtonsoft.Json.dll", "Newtonsoft.Json", false, false, ""),
        new("/p/lib.dll", "lib.dll", null, false, true, ""),
        new("/p/wwwroot/site.css", "wwwroot/site.css", null, false, false, ""),
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
    public void Runtime_and_package_layers_are_identified_by_their_packages_and_hashes_and_the_app_is_not()
    {
        PublishFile[] files =
        [
            new("/p/app.dll", "app.dll", null, false, false, ""),
            new("/p/libcoreclr.so", "libcoreclr.so", "Microsoft.NETCore.App.Runtime.linux-x64", true, false, "", "10.0.12", "rt=="),
            new("/p/System.Private.CoreLib.dll", "System.Private.CoreLib.dll", "Microsoft.NETCore.App.Runtime.linux-x64", true, false, "", "10.0.12", "rt=="),
            new("/p/Newtonsoft.Json.dll", "Newtonsoft.Json.dll", "Newtonsoft.Json", false, false, "", "13.0.3", "nj=="),
        ];

        var layers = PublishLayering.Layers(files, "auto", "/app/", null);

        Assert.Equal("nuget\nmicrosoft.netcore.app.runtime.linux-x64/10.0.12 sha512-rt==", layers[0].SourceIdentity);
        Assert.Equal("nuget\nnewtonsoft.json/13.0.3 sha512-nj==", layers[1].SourceIdentity);
        Assert.Null(layers[2].SourceIdentity);
    }

    [Fact]
    public void A_package_file_without_a_recorded_hash_leaves_its_layer_unidentified() =>
        Assert.Null(PublishLayering.SourceIdentity(
        [
            new("/p/A.dll", "A.dll", "A", false, false, "", "1.0.0", "a=="),
            new("/p/B.dll", "B.dll", "B", false, false, "", "1.0.0", null),
        ]));

    [Fact]
    public void Unknown_layering_is_a_user_error() =>
        Assert.Throws<InvalidInputException>(() => PublishLayering.Layers(Files, "fine", "/app/", null));
}
