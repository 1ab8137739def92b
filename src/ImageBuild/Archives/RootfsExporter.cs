using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;

namespace ImageBuild.Archives;

/// <summary>
/// The final filesystem of an image, whiteouts applied: as one tar (<c>export</c>) or in a directory
/// (<c>unpack</c>). Layers are streamed from the source; nothing is held in memory. Each uncompressed layer is
/// checked against its diff_id as it streams (the source checks the compressed blob against its digest).
/// </summary>
public static class RootfsExporter
{
    public static Task ExportAsync(IBlobReader source, SelectedImage image, Stream output, CancellationToken cancellationToken = default) =>
        LayerFlattener.FlattenAsync(LayerOpeners(source, image), output, cancellationToken);

    public static async Task UnpackAsync(
        IBlobReader source, SelectedImage image, string targetDirectory, LayerExtractorOptions options, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(targetDirectory);
        await new LayerExtractor(targetDirectory, options).ApplyAllAsync(LayerOpeners(source, image), cancellationToken);
    }

    private static IReadOnlyList<Func<CancellationToken, Task<Stream>>> LayerOpeners(IBlobReader source, SelectedImage image)
    {
        var layers = image.Manifest.Value.Layers;
        var diffIds = image.Config.Value.RootFs.DiffIds;
        if (diffIds.Count != layers.Count)
        {
            throw new ImageBuildException(
                $"image {image.ManifestDescriptor.Digest} has {layers.Count} layers but its config lists {diffIds.Count} diff_ids: the image is malformed; rebuild it");
        }

        return layers
            .Select<Oci.Descriptor, Func<CancellationToken, Task<Stream>>>((layer, i) => async ct => new VerifyingReadStream(
                await LayerReader.OpenAsync(await source.OpenBlobAsync(layer, ct), cancellationToken: ct),
                diffIds[i],
                expectedSize: null,
                $"layer {layer.Digest} (uncompressed)",
                $"its config's diff_id is {diffIds[i]}; the image is corrupt or was built wrongly: pull or build it again"))
            .ToList();
    }
}
