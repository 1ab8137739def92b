using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// <c>pull</c>: an image from a registry into the store, by tag or by digest. From an index it stores the chosen
/// platform's manifest and tags that (recording the index digest as where it was pulled from), or with
/// <see cref="TransferOptions.AllPlatforms"/> the whole index. Blobs the store has are not downloaded again.
/// A pull by digest is stored under the name <c>name@digest</c>: <c>image ls</c> shows it with tag &lt;none&gt;.
/// </summary>
public sealed class ImagePuller(ImageStore store, Func<ImageReference, RegistryClient> registries)
{
    public async Task<PullResult> PullAsync(ImageReference reference, TransferOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var location = new RegistryLocation(reference);
        var normalized = location.Normalized;
        var refName = normalized.ToString();
        await using var source = await RegistryLocation.OpenAsync(registries(normalized), normalized, cancellationToken);
        var previous = await store.FindAsync(refName, cancellationToken);
        var destination = new StoreDestination(store, refName, $"{normalized.Name}@{source.Root.Digest}");
        var copy = await ImageCopier.CopyAsync(source, destination, options, cancellationToken);
        var upToDate = copy.NothingCopied && previous?.Digest == copy.Root.Digest;
        return new PullResult(normalized, source.Root.Digest, copy.Root, !upToDate, copy);
    }
}
