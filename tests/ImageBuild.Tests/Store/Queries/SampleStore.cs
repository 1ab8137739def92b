using ImageBuild.Store;

namespace ImageBuild.Tests.Store.Queries;

/// <summary>
/// A store of four images, a month apart. Old: alpine:3.19 (env=prod). Middle: alpine:3.20, alpine:latest and
/// localhost:5000/app:latest (env=prod, team=x). New: ghcr.io/o/tool:1 (env=dev). Newest: dangling.
/// Old and Middle share their first layer.
/// </summary>
public sealed record SampleStore(ImageStore Store, ImageFactory Factory, BuiltImage Old, BuiltImage Middle, BuiltImage New, BuiltImage Dangling)
{
    public static async Task<SampleStore> CreateAsync(string path, ManualTimeProvider? time = null)
    {
        var options = time is null ? null : new OciLayoutOptions { Time = time };
        var store = await ImageStore.OpenAsync(path, options, CancellationToken.None);
        var factory = new ImageFactory(store);
        var base0 = await factory.LayerAsync(700);
        var old = await factory.ImageAsync(ImageFactory.Day(1), Labels(("env", "prod")), sharedLayers: [base0]);
        var middle = await factory.ImageAsync(ImageFactory.Day(2), Labels(("env", "prod"), ("team", "x")), freshLayers: 2, sharedLayers: [base0]);
        var newer = await factory.ImageAsync(ImageFactory.Day(3), Labels(("env", "dev")));
        var dangling = await factory.ImageAsync(ImageFactory.Day(4));
        await factory.TagAsync(old.Manifest, "docker.io/library/alpine:3.19");
        await factory.TagAsync(middle.Manifest, "docker.io/library/alpine:3.20", "docker.io/library/alpine:latest", "localhost:5000/app:latest");
        await factory.TagAsync(newer.Manifest, "ghcr.io/o/tool:1");
        await store.AddUntaggedAsync(dangling.Manifest, CancellationToken.None);
        return new SampleStore(store, factory, old, middle, newer, dangling);
    }

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
