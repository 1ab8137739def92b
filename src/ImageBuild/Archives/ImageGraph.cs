using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>
/// Collects every blob reachable from image roots (index -> manifests -> config and layers), each once, in an
/// order where a blob comes after everything it references, so a sink never holds a manifest without its parts.
/// A child manifest of an index that the source lacks is skipped: partial multi-platform images are normal
/// (a pull of one platform keeps the index but not the other platforms).
/// </summary>
internal sealed class ImageGraph
{
    private readonly IBlobReader source;
    private readonly List<ImageBlob> blobs = [];
    private readonly HashSet<Digest> seen = [];

    public ImageGraph(IBlobReader source)
    {
        this.source = source;
    }

    /// <summary>Blobs collected so far, referenced blobs before the documents that reference them.</summary>
    public IReadOnlyList<ImageBlob> Blobs => blobs;

    /// <summary>Adds the blobs of one root and returns the digests of the configs it reaches.</summary>
    public async Task<IReadOnlyList<Digest>> AddAsync(Descriptor root, CancellationToken cancellationToken = default)
    {
        var configs = new List<Digest>();
        await AddAsync(root, configs, isChild: false, cancellationToken);
        return configs;
    }

    private async Task AddAsync(Descriptor descriptor, List<Digest> configs, bool isChild, CancellationToken cancellationToken)
    {
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var bytes = await ReadChildAsync(descriptor, isChild, cancellationToken);
            if (bytes is null || !seen.Add(descriptor.Digest))
            {
                return;
            }

            foreach (var child in OciJson.ParseIndex(bytes).Manifests)
            {
                await AddAsync(child, configs, isChild: true, cancellationToken);
            }

            blobs.Add(new ImageBlob(descriptor, ImageBlobKind.Index, bytes));
        }
        else if (MediaTypes.IsManifest(descriptor.MediaType))
        {
            var bytes = await ReadChildAsync(descriptor, isChild, cancellationToken);
            if (bytes is null)
            {
                return;
            }

            var manifest = OciJson.ParseManifest(bytes);
            configs.Add(manifest.Config.Digest);
            if (!seen.Add(descriptor.Digest))
            {
                return;
            }

            AddLeaf(manifest.Config, ImageBlobKind.Config);
            foreach (var layer in manifest.Layers)
            {
                AddLeaf(layer, ImageBlobKind.Layer);
            }

            blobs.Add(new ImageBlob(descriptor, ImageBlobKind.Manifest, bytes));
        }
        else if (!isChild)
        {
            AddLeaf(descriptor, ImageBlobKind.Other);
        }
    }

    private void AddLeaf(Descriptor descriptor, ImageBlobKind kind)
    {
        if (seen.Add(descriptor.Digest))
        {
            blobs.Add(new ImageBlob(descriptor, kind, null));
        }
    }

    private async Task<byte[]?> ReadChildAsync(Descriptor descriptor, bool isChild, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadSmallBlobAsync(descriptor, cancellationToken);
        }
        catch (NotFoundException) when (isChild)
        {
            return null;
        }
    }
}
