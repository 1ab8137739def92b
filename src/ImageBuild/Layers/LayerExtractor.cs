namespace ImageBuild.Layers;

/// <summary>
/// Applies layers, base first, into a directory with the OCI rules (whiteouts, opaque directories, dir over
/// dir, unlink then create). Names are cleaned and every path is resolved inside the target, symlinks
/// included, so a layer can never write outside it; a layer that tries is refused with an ImageBuildException.
/// </summary>
public sealed class LayerExtractor
{
    private readonly DiskTree tree;
    private readonly LayerExtractorOptions options;

    public LayerExtractor(string targetDirectory, LayerExtractorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        var root = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(root);
        tree = new DiskTree(root);
        this.options = options ?? new LayerExtractorOptions();
    }

    public string TargetDirectory => tree.Root;

    /// <summary>Applies one layer, given as an uncompressed tar stream, on top of what is already extracted.</summary>
    public Task ApplyAsync(Stream uncompressedTar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uncompressedTar);
        return new LayerApplier(tree, options).ApplyAsync(uncompressedTar, cancellationToken);
    }

    /// <summary>Applies each layer in order; each function opens one layer's uncompressed tar.</summary>
    public async Task ApplyAllAsync(IEnumerable<Func<CancellationToken, Task<Stream>>> layers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var open in layers)
        {
            await using var tar = await open(cancellationToken);
            try
            {
                await ApplyAsync(tar, cancellationToken);
                await LayerReader.DrainAsync(tar, cancellationToken);
            }
            catch (Exception ex) when (LayerReader.IsMalformedContent(ex))
            {
                throw await LayerReader.MalformedAsync(tar, ex, cancellationToken);
            }
        }
    }
}
