using ImageBuild.Content;
using ImageBuild.Layers;

namespace ImageBuild.Archives;

/// <summary>
/// The final filesystem of an image, whiteouts applied: as one tar (<c>export</c>) or in a directory
/// (<c>unpack</c>). Layers are streamed from the source; nothing is held in memory.
/// </summary>
public static class RootfsExporter
{
    public static Task ExportAsync(IBlobReader source, SelectedImage image, Stream output, CancellationToken cancellationToken) =>
        LayerFlattener.FlattenAsync(LayerOpeners(source, image), output, cancellationToken);

    public static async Task UnpackAsync(
        IBlobReader source, SelectedImage image, string targetDirectory, LayerExtractorOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetDirectory);
        await new LayerExtractor(targetDirectory, options).ApplyAllAsync(LayerOpeners(source, image), cancellationToken);
    }

    private static IReadOnlyList<Func<CancellationToken, Task<Stream>>> LayerOpeners(IBlobReader source, SelectedImage image) =>
        image.Manifest.Value.Layers
            .Select<Oci.Descriptor, Func<CancellationToken, Task<Stream>>>(layer => async ct =>
                await LayerReader.OpenAsync(await source.OpenBlobAsync(layer, ct), ct))
            .ToList();
}
