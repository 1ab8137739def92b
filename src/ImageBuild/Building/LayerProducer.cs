using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>Makes each layer of a plan into a blob in the store, from the layer cache when its inputs are unchanged.</summary>
internal sealed class LayerProducer(OciLayout layout, LayerOptions options)
{
    private readonly LayerCache cache = new(layout);

    public async Task<BuiltLayer> ProduceAsync(LayerSpec spec, CancellationToken cancellationToken)
    {
        var entries = spec.TarFile is null ? LayerInputs.Resolve(spec) : [];
        if (spec.TarFile is { } tar && !File.Exists(tar))
        {
            throw new NotFoundException($"layer tar {tar} does not exist: check the path");
        }

        var quickKey = LayerCacheKey.Quick(spec, entries, options);
        if (await cache.FindByQuickKeyAsync(quickKey, cancellationToken) is { } quickHit)
        {
            return ToBuilt(spec, quickHit, fromCache: true);
        }

        var contentKey = await LayerCacheKey.ContentAsync(spec, entries, options, cancellationToken);
        if (await cache.FindByContentKeyAsync(contentKey, cancellationToken) is { } contentHit)
        {
            await cache.RememberQuickKeyAsync(quickKey, contentKey, cancellationToken);
            return ToBuilt(spec, contentHit, fromCache: true);
        }

        var blob = await WriteAsync(spec, entries, cancellationToken);
        await layout.ImportBlobFileAsync(blob.FilePath, blob.ToDescriptor(), cancellationToken);
        var record = new LayerCacheRecord { Digest = blob.Digest, Size = blob.Size, DiffId = blob.DiffId, MediaType = blob.MediaType, Files = blob.Files };
        await cache.PutAsync(quickKey, contentKey, record, cancellationToken);
        return ToBuilt(spec, record, fromCache: false);
    }

    private async Task<LayerBlob> WriteAsync(LayerSpec spec, IReadOnlyList<LayerEntry> entries, CancellationToken cancellationToken)
    {
        var writer = new LayerWriter(options);
        var tempDirectory = Path.GetDirectoryName(layout.CreateIngestPath())!;
        if (spec.TarFile is not { } tar)
        {
            return await writer.WriteAsync(entries, tempDirectory, cancellationToken);
        }

        await using var stream = await RootfsSource.OpenTarAsync(tar, cancellationToken);
        return await writer.WriteFromTarAsync(stream, tempDirectory, cancellationToken);
    }

    private static BuiltLayer ToBuilt(LayerSpec spec, LayerCacheRecord record, bool fromCache) =>
        new(spec.Name, record.Digest, record.Size, record.DiffId, record.MediaType, fromCache) { Files = record.Files };
}
