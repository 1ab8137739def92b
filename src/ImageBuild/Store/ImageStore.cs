using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store.Maintenance;

namespace ImageBuild.Store;

/// <summary>
/// The local image store, the daemonless counterpart of /var/lib/docker. On disk it is an OCI image
/// layout whose index.json entries carry the full reference name in <c>org.opencontainers.image.ref.name</c>,
/// so skopeo and umoci read it directly. Reference names are plain strings here; callers normalize them.
/// Every change takes the layout lock, so many processes can share one store. Referrers (SBOMs, signatures) are
/// kept beside the images they describe and are not images themselves (see <see cref="StoreReferrers"/>).
/// </summary>
public sealed class ImageStore : IReferrerSource
{
    public const string DirectoryName = "dotnet-image";

    private readonly StoreMetadataFile metadataFile;

    public ImageStore(OciLayout layout)
    {
        Layout = layout;
        metadataFile = new StoreMetadataFile(layout);
    }

    /// <summary>The layout, which is also the store's <see cref="IBlobReader"/> and <see cref="IBlobWriter"/>.</summary>
    public OciLayout Layout { get; }

    public static Task<ImageStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, options: null, cancellationToken);

    public static async Task<ImageStore> OpenAsync(string path, OciLayoutOptions? options, CancellationToken cancellationToken = default) =>
        new(await OciLayout.OpenOrCreateAsync(path, options, cancellationToken));

    /// <summary>
    /// Where the store lives when the caller names none: <c>$DOTNET_IMAGE_STORE</c>, else
    /// <c>$XDG_DATA_HOME/dotnet-image</c> (only when absolute, as the XDG spec says), else
    /// <c>~/.local/share/dotnet-image</c>.
    /// </summary>
    public static string ResolveDefaultPath(Func<string, string?> getEnv)
    {
        if (getEnv("DOTNET_IMAGE_STORE") is { Length: > 0 } explicitPath)
        {
            return Path.GetFullPath(explicitPath);
        }

        if (getEnv("XDG_DATA_HOME") is { Length: > 0 } dataHome && Path.IsPathRooted(dataHome))
        {
            return Path.Combine(dataHome, DirectoryName);
        }

        var home = getEnv("HOME") is { Length: > 0 } h ? h : getEnv("USERPROFILE");
        if (string.IsNullOrEmpty(home))
        {
            throw new ImageBuildException("cannot choose a place for the image store: HOME is not set; set DOTNET_IMAGE_STORE or pass --store");
        }

        return Path.Combine(home, ".local", "share", DirectoryName);
    }

    /// <summary>Every index.json entry that is an image (tagged or dangling); referrers are not images.</summary>
    public async Task<IReadOnlyList<StoreEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var index = await Layout.ReadIndexAsync(cancellationToken);
        var metadata = await metadataFile.ReadAsync(cancellationToken);
        return index.Manifests.Where(e => !StoreReferrers.IsReferrer(e, metadata)).Select(e => ToEntry(e, metadata)).ToList();
    }

    /// <summary>The referrers kept for <paramref name="subject"/>, as a referrers list describes them.</summary>
    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, CancellationToken cancellationToken = default)
    {
        var index = await Layout.ReadIndexAsync(cancellationToken);
        var metadata = await metadataFile.ReadAsync(cancellationToken);
        return StoreReferrers.Of(index, metadata, subject);
    }

    /// <summary>
    /// Keeps <paramref name="referrers"/>, whose blobs must already be in the store, with their subjects. A referrer
    /// whose subject the store does not hold is not kept (it would describe nothing here).
    /// </summary>
    public Task AttachReferrersAsync(IReadOnlyList<Referrer> referrers, CancellationToken cancellationToken = default) =>
        referrers.Count == 0
            ? Task.CompletedTask
            : ChangeAsync(referrers.Select(r => r.Descriptor).ToList(), (index, metadata, _) =>
                (referrers.Aggregate(index, (current, referrer) => StoreReferrers.Attach(current, metadata, referrer)), true), cancellationToken);

    /// <summary>The entry tagged <paramref name="refName"/>, or null.</summary>
    public async Task<StoreEntry?> FindAsync(string refName, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(e => e.RefName == refName);

    /// <summary>The descriptor tagged <paramref name="refName"/>; <see cref="NotFoundException"/> when there is none.</summary>
    public async Task<Descriptor> ResolveAsync(string refName, CancellationToken cancellationToken = default) =>
        (await FindAsync(refName, cancellationToken))?.Descriptor
        ?? throw new NotFoundException($"no image {refName} in the store at {Layout.RootPath}; pull or build it first");

    public async Task<IReadOnlyList<StoreEntry>> FindByDigestAsync(Digest digest, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Where(e => e.Digest == digest).ToList();

    /// <summary>
    /// Points <paramref name="refName"/> at <paramref name="image"/>, whose blobs must already be in the
    /// store (checked under the lock, so a concurrent garbage collection cannot leave a tag without content).
    /// </summary>
    public Task TagAsync(string refName, Descriptor image, CancellationToken cancellationToken = default) =>
        TagAsync(refName, image, pulledFrom: null, recordTagTime: true, cancellationToken);

    /// <summary>Tags as <see cref="TagAsync(string, Descriptor, CancellationToken)"/>, saying where the image came from.</summary>
    /// <param name="pulledFrom">The registry reference (name@digest) it was pulled from; a pull records no tag time, as in docker.</param>
    /// <param name="recordTagTime">Whether this counts as tagging (docker's LastTagTime): a load does not.</param>
    public Task TagAsync(string refName, Descriptor image, string? pulledFrom, bool recordTagTime = true, CancellationToken cancellationToken = default) =>
        ChangeAsync([image], (index, metadata, now) =>
        {
            if (recordTagTime && pulledFrom is null)
            {
                metadata.Refs[refName] = new RefMetadata { LastTagTime = now };
            }
            else if (!index.Manifests.Any(e => IndexEdits.RefNameOf(e) == refName && e.Digest == image.Digest))
            {
                // The name now points at an image nobody tagged.
                metadata.Refs.Remove(refName);
            }

            RecordSource(metadata, image.Digest, pulledFrom);
            return (IndexEdits.Tag(index, refName, image), true);
        }, cancellationToken);

    /// <summary>Keeps <paramref name="image"/> as an untagged entry (an image built or pulled by digest without a name).</summary>
    public Task AddUntaggedAsync(Descriptor image, CancellationToken cancellationToken = default) =>
        AddUntaggedAsync(image, pulledFrom: null, cancellationToken);

    /// <summary>Keeps an untagged entry as <see cref="AddUntaggedAsync(Descriptor, CancellationToken)"/> and records the registry reference it was pulled from.</summary>
    public Task AddUntaggedAsync(Descriptor image, string? pulledFrom, CancellationToken cancellationToken = default) =>
        ChangeAsync([image], (index, metadata, _) =>
        {
            RecordSource(metadata, image.Digest, pulledFrom);
            return (IndexEdits.AddUntagged(index, image), true);
        }, cancellationToken);

    /// <summary>
    /// Removes one reference name. The image stays as a dangling entry when that was its last name, unless
    /// <paramref name="removeWhenLast"/> (docker's <c>rmi</c>) asks for it to go. Blobs are left to GC.
    /// </summary>
    public Task<UntagResult> UntagAsync(string refName, bool removeWhenLast = false, CancellationToken cancellationToken = default) =>
        ChangeAsync([], (index, _, _) =>
        {
            var (changed, untagged) = IndexEdits.Untag(index, refName, removeWhenLast)
                ?? throw new NotFoundException($"no image is tagged {refName} in the store at {Layout.RootPath}");
            var remaining = changed.Manifests.Where(e => e.Digest == untagged.Digest).Select(IndexEdits.RefNameOf).OfType<string>().ToList();
            var removed = changed.Manifests.All(e => e.Digest != untagged.Digest);
            return (changed, new UntagResult(IndexEdits.WithRefName(untagged, null), remaining, removed));
        }, cancellationToken);

    /// <summary>
    /// Forgets that the manifest <paramref name="digest"/> was pulled from <paramref name="pulledFrom"/>, the record
    /// behind a RepoDigest that no entry names (docker's <c>rmi name@digest</c>). Returns false when there was none.
    /// </summary>
    public Task<bool> ForgetSourceAsync(Digest digest, string pulledFrom, CancellationToken cancellationToken = default) =>
        ChangeAsync([], (index, metadata, _) =>
        {
            var key = digest.ToString();
            if (!metadata.Images.TryGetValue(key, out var image) || image.PulledFrom is null || !image.Sources.Contains(pulledFrom, StringComparer.Ordinal))
            {
                return (index, false);
            }

            var rest = image.Sources.Where(s => s != pulledFrom).ToList();
            if (rest.Count == 0)
            {
                metadata.Images.Remove(key);
            }
            else
            {
                metadata.Images[key] = image with { PulledFrom = rest[0], AlsoPulledFrom = rest.Count > 1 ? rest[1..] : null };
            }

            return (index, true);
        }, cancellationToken);

    /// <summary>Removes every entry (tag or dangling) of an image and returns them. Blobs are left to GC.</summary>
    public Task<IReadOnlyList<StoreEntry>> RemoveAsync(Digest digest, CancellationToken cancellationToken = default) =>
        ChangeAsync([], (index, metadata, _) =>
        {
            var (changed, removed) = IndexEdits.Remove(index, digest);
            if (removed.Count == 0)
            {
                throw new NotFoundException($"no image {digest} in the store at {Layout.RootPath}");
            }

            return (changed, (IReadOnlyList<StoreEntry>)removed.Select(e => ToEntry(e, metadata)).ToList());
        }, cancellationToken);

    /// <summary>
    /// Removes the entries of an image without a tag (a digest reference, <c>name@digest</c>, does not keep it, as in
    /// docker's prune) unless a tag points at it by now: a prune must not take an image someone tagged after the
    /// prune chose it. Returns false when nothing was removed.
    /// </summary>
    public Task<bool> RemoveDanglingAsync(Digest digest, CancellationToken cancellationToken = default) =>
        ChangeAsync([], (index, _, _) =>
        {
            var entries = index.Manifests.Where(e => e.Digest == digest).ToList();
            if (entries.Count == 0 || entries.Any(e => IndexEdits.RefNameOf(e) is { } name && !name.Contains('@', StringComparison.Ordinal)))
            {
                return (index, false);
            }

            return (IndexEdits.Remove(index, digest).Index, true);
        }, cancellationToken);

    /// <summary>
    /// The image ID shown for an entry: the config digest of a manifest (as docker's classic store shows it),
    /// the digest itself for an index or anything else.
    /// </summary>
    public async Task<Digest> GetImageIdAsync(Descriptor entry, CancellationToken cancellationToken = default)
    {
        if (!MediaTypes.IsManifest(entry.MediaType))
        {
            return entry.Digest;
        }

        var bytes = await Layout.ReadSmallBlobAsync(entry, cancellationToken);
        return OciJson.ParseManifest(bytes).Config.Digest;
    }

    /// <summary>
    /// The image whose ID starts with <paramref name="idPrefix"/> (hex, with or without <c>sha256:</c>).
    /// Throws <see cref="NotFoundException"/> when none matches and <see cref="ImageBuildException"/> when the
    /// prefix fits more than one image.
    /// </summary>
    public async Task<ImageIdMatch> FindByIdPrefixAsync(string idPrefix, CancellationToken cancellationToken = default)
    {
        var (algorithm, hexPrefix) = ParseIdPrefix(idPrefix);
        var matches = new Dictionary<Digest, List<StoreEntry>>();
        foreach (var entry in await ListAsync(cancellationToken))
        {
            var id = await GetImageIdAsync(entry.Descriptor, cancellationToken);
            if ((algorithm is null || id.Algorithm == algorithm) && id.Hex.StartsWith(hexPrefix, StringComparison.Ordinal))
            {
                (matches.TryGetValue(id, out var list) ? list : matches[id] = []).Add(entry);
            }
        }

        return matches.Count switch
        {
            0 => throw new NotFoundException($"no image with ID {idPrefix} in the store at {Layout.RootPath}"),
            1 => new ImageIdMatch(matches.Keys.Single(), matches.Values.Single()),
            _ => throw new ImageBuildException(
                $"image ID prefix {idPrefix} is ambiguous: it matches {matches.Count} images ({string.Join(", ", matches.Keys.Select(k => k.ShortHex))}); give more characters"),
        };
    }

    /// <summary>The layer cache kept in this store, whose records keep their blobs from garbage collection.</summary>
    public LayerCache LayerCache => new(Layout);

    /// <summary>
    /// Deletes blobs no entry and no layer-cache record reaches (see <see cref="LayoutGarbageCollector.CollectAsync"/>
    /// for <paramref name="minimumBlobAge"/>), then forgets layer-cache records whose blob is gone.
    /// </summary>
    public async Task<GarbageCollectionResult> CollectGarbageAsync(TimeSpan minimumBlobAge = default, CancellationToken cancellationToken = default)
    {
        using var heldLock = await Layout.AcquireLockAsync(cancellationToken);
        var records = await LayerCache.ListAsync(cancellationToken);
        var result = await LayoutGarbageCollector.CollectAsync(Layout, heldLock, minimumBlobAge, records.Select(r => r.Record.Digest).ToHashSet(), cancellationToken);
        var lost = records.Where(r => !Layout.HasBlob(r.Record.ToDescriptor())).Select(r => r.ContentKey).ToList();
        if (lost.Count > 0)
        {
            await LayerCache.ForgetAsync(lost, cancellationToken);
        }

        return result;
    }

    /// <summary>Blobs no entry and no layer-cache record reaches; empty when a damaged document hides what it names.</summary>
    public async Task<IReadOnlyList<UnreferencedBlob>> FindUnreferencedBlobsAsync(CancellationToken cancellationToken = default)
    {
        var cached = (await LayerCache.ListAsync(cancellationToken)).Select(r => r.Record.Digest).ToHashSet();
        return await LayoutGarbageCollector.FindAsync(Layout, cached, cancellationToken) ?? [];
    }

    /// <summary>The blobs of <paramref name="image"/> present on disk and their total size.</summary>
    public async Task<ImageDiskUsage> GetDiskUsageAsync(Descriptor image, CancellationToken cancellationToken = default)
    {
        var walk = await LayoutGraphWalk.WalkAsync(Layout, [image], cancellationToken: cancellationToken);
        return new ImageDiskUsage(walk.PresentSize, walk.Present);
    }

    private static (string? Algorithm, string Hex) ParseIdPrefix(string idPrefix)
    {
        var colon = idPrefix.IndexOf(':');
        var algorithm = colon >= 0 ? idPrefix[..colon] : null;
        var hex = colon >= 0 ? idPrefix[(colon + 1)..] : idPrefix;
        if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigitLower) || algorithm is not (null or Digest.Sha256 or Digest.Sha512))
        {
            throw new InvalidInputException($"invalid image ID \"{idPrefix}\": expected lower-case hex digits, optionally after sha256:");
        }

        return (algorithm, hex);
    }

    /// <summary>Adds <paramref name="pulledFrom"/> to the manifest's pull sources (docker keeps one digest reference per repository).</summary>
    private static void RecordSource(StoreMetadata metadata, Digest digest, string? pulledFrom)
    {
        if (pulledFrom is null)
        {
            return;
        }

        var key = digest.ToString();
        if (!metadata.Images.TryGetValue(key, out var known) || known.PulledFrom is null)
        {
            metadata.Images[key] = new ImageMetadata { PulledFrom = pulledFrom };
        }
        else if (!known.Sources.Contains(pulledFrom, StringComparer.Ordinal))
        {
            metadata.Images[key] = known with { AlsoPulledFrom = [.. known.AlsoPulledFrom ?? [], pulledFrom] };
        }
    }

    private static StoreEntry ToEntry(Descriptor entry, StoreMetadata metadata)
    {
        var refName = IndexEdits.RefNameOf(entry);
        var lastTagTime = refName is not null && metadata.Refs.TryGetValue(refName, out var refData) ? refData.LastTagTime : null;
        var sources = metadata.Images.TryGetValue(entry.Digest.ToString(), out var imageData) && imageData.PulledFrom is not null
            ? imageData.Sources.ToList()
            : [];
        return new StoreEntry(entry, refName, lastTagTime, sources.FirstOrDefault()) { PulledFromAll = sources };
    }

    /// <summary>
    /// One read-modify-write of index.json and the metadata file under the lock; the blobs of
    /// <paramref name="mustBeComplete"/> are checked under the same lock. Referrers whose subject the change removed
    /// go with it, and their blobs that nothing else uses are deleted once the lock is released.
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        IReadOnlyList<Descriptor> mustBeComplete,
        Func<ImageIndex, StoreMetadata, DateTimeOffset, (ImageIndex Index, T Result)> change,
        CancellationToken cancellationToken)
    {
        T result;
        IReadOnlyCollection<Digest> orphanBlobs = [];
        using (var heldLock = await Layout.AcquireLockAsync(cancellationToken))
        {
            foreach (var image in mustBeComplete)
            {
                await EnsureCompleteAsync(image, cancellationToken);
            }

            var index = await Layout.ReadIndexAsync(cancellationToken);
            var metadata = await metadataFile.ReadAsync(cancellationToken);
            (var changed, result) = change(index, metadata, Layout.Options.Time.GetUtcNow());
            var (kept, dropped) = await StoreReferrers.DropOrphansAsync(Layout, changed, metadata, cancellationToken);
            if (dropped.Count > 0)
            {
                orphanBlobs = (await LayoutGraphWalk.WalkAsync(Layout, dropped, continuePastUnreadable: true, cancellationToken: cancellationToken)).Present.Keys.ToList();
            }

            await Layout.WriteIndexAsync(heldLock, kept, cancellationToken);
            await metadataFile.WriteAsync(heldLock, metadata, kept, cancellationToken);
        }

        await BlobReclaimer.ReclaimAsync(Layout, orphanBlobs, cancellationToken);
        return result;
    }

    private async Task EnsureCompleteAsync(Descriptor image, CancellationToken cancellationToken)
    {
        var walk = await LayoutGraphWalk.WalkAsync(Layout, [image], cancellationToken: cancellationToken);
        if (walk.Missing.FirstOrDefault(m => !m.IsTolerated) is { } missing)
        {
            throw new IncompleteImageException(image, missing.Blob, Layout.RootPath);
        }
    }
}
