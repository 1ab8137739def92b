using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.IO;
using ImageBuild.Store;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>build --sbom FILE</c>: the SBOM of each platform image, copied from the store to FILE; with several platforms
/// each gets FILE with its platform before the extension (<c>sbom.linux-arm64.spdx.json</c>).
/// </summary>
internal static class SbomFiles
{
    public static async Task WriteAsync(ImageStore store, BuildResult result, string file, CancellationToken cancellationToken)
    {
        foreach (var image in result.Images.Where(i => i.SbomDocument is not null))
        {
            var path = result.Images.Count == 1 ? file : WithPlatform(file, image.Platform.ToString().Replace('/', '-'));
            var bytes = await store.Layout.ReadSmallBlobAsync(image.SbomDocument!, Transfers.ReferrerLookup.SbomSizeLimit, cancellationToken);
            await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
        }
    }

    private static string WithPlatform(string file, string platform)
    {
        var name = Path.GetFileName(file);
        var extension = name.EndsWith(".spdx.json", StringComparison.OrdinalIgnoreCase) ? ".spdx.json" : Path.GetExtension(name);
        return Path.Combine(Path.GetDirectoryName(file) ?? string.Empty, $"{name[..^extension.Length]}.{platform}{extension}");
    }
}
