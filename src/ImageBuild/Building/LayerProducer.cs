using System.Diagnostics;
using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>
/// Makes each layer of a plan into a blob in the store, from the layer cache when its inputs are unchanged. The
/// cheapest key that can know the layer is tried first: the identity key (what the plan vouches the files are,
/// with their sizes and mtimes), then the quick key (paths, sizes, mtimes), and only then the content key, which
/// reads every file. Safe to call for several specs at once.
/// </summary>
/// <param name="uploadAhead">Where new layers are also sent while they are written.</param>
internal sealed class LayerProducer(OciLayout layout, LayerOptions options, LayerPhaseTimes times, LayerUploadAhead uploadAhead)
{
    private readonly LayerCache cache = new(layout);

    public async Task<BuiltLayer> ProduceAsync(LayerSpec spec, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var entries = spec.TarFile is null ? LayerInputs.Resolve(spec) : [];
        if (spec.TarFile is { } tar && !File.Exists(tar))
        {
            throw new NotFoundException($"layer tar {tar} does not exist: check the path");
        }

        var identityKey = LayerCacheKey.Identity(spec, entries, options);
        if (identityKey is not null && await cache.FindByIdentityKeyAsync(identityKey, cancellationToken) is { } identityHit)
        {
            times.AddPlan(started);
            return ToBuilt(spec, identityHit.Record, fromCache: true);
        }

        var quickKey = LayerCacheKey.Quick(spec, entries, options);
        if (await cache.FindByQuickKeyAsync(quickKey, cancellationToken) is { } quickHit)
        {
            await RememberAsync(identityKey, null, null, quickHit.ContentKey, cancellationToken);
            times.AddPlan(started);
            return ToBuilt(spec, quickHit.Record, fromCache: true);
        }

        // A cold layer is read once: when no cached layer had these paths and sizes, the content key cannot hit, so
        // it is made from the hashes taken while the tar is written instead of from a pass of its own before.
        var shapeKey = LayerCacheKey.Shape(spec, entries, options);
        times.AddPlan(started);
        string? contentKey = null;
        if (shapeKey is null || cache.HasShapeKey(shapeKey))
        {
            started = Stopwatch.GetTimestamp();
            contentKey = await LayerCacheKey.ContentAsync(spec, entries, options, cancellationToken);
            times.AddHash(started);
            if (await cache.FindByContentKeyAsync(contentKey, cancellationToken) is { } contentHit)
            {
                await RememberAsync(identityKey, quickKey, shapeKey, contentKey, cancellationToken);
                return ToBuilt(spec, contentHit, fromCache: true);
            }
        }

        started = Stopwatch.GetTimestamp();
        var blob = await WriteAsync(spec, entries, cancellationToken);
        await layout.ImportBlobFileAsync(blob.FilePath, blob.ToDescriptor(), cancellationToken);
        times.AddWrite(started);
        contentKey ??= await LayerCacheKey.ContentAsync(
            spec, entries, options, (source, token) => blob.SourceHashes.TryGetValue(source, out var hash) ? Task.FromResult(hash) : LayerCacheKey.HashFileAsync(source, token), cancellationToken);
        var record = new LayerCacheRecord { Digest = blob.Digest, Size = blob.Size, DiffId = blob.DiffId, MediaType = blob.MediaType, Files = blob.Files };
        await cache.PutAsync(contentKey, record, cancellationToken);
        await RememberAsync(identityKey, quickKey, shapeKey, contentKey, cancellationToken);
        return ToBuilt(spec, record, fromCache: false);
    }

    /// <summary>Points the cheaper keys at the content key, so the next build with these inputs finds the layer without hashing.</summary>
    private async Task RememberAsync(string? identityKey, string? quickKey, string? shapeKey, string contentKey, CancellationToken cancellationToken)
    {
        if (shapeKey is not null)
        {
            await cache.RememberShapeKeyAsync(shapeKey, contentKey, cancellationToken);
        }

        if (quickKey is not null)
        {
            await cache.RememberQuickKeyAsync(quickKey, contentKey, cancellationToken);
        }

        if (identityKey is not null)
        {
            await cache.RememberIdentityKeyAsync(identityKey, contentKey, cancellationToken);
        }
    }

    private Task<LayerBlob> WriteAsync(LayerSpec spec, IReadOnlyList<LayerEntry> entries, CancellationToken cancellationToken) =>
        uploadAhead.WriteAsync(
            async copy =>
            {
                var writer = new LayerWriter(options) { BlobCopy = copy };
                var tempDirectory = Path.GetDirectoryName(layout.CreateIngestPath())!;
                if (spec.TarFile is not { } tar)
                {
                    return await writer.WriteAsync(entries, tempDirectory, cancellationToken);
                }

                await using var stream = await RootfsSource.OpenTarAsync(tar, cancellationToken);
                return await writer.WriteFromTarAsync(stream, tempDirectory, cancellationToken);
            },
            cancellationToken);

    private static BuiltLayer ToBuilt(LayerSpec spec, LayerCacheRecord record, bool fromCache) =>
        new(spec.Name, record.Digest, record.Size, record.DiffId, record.MediaType, fromCache) { Files = record.Files };
}
