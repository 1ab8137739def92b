using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry;

namespace ImageBuild.Transfers;

/// <summary>
/// Tags an image in a registry without pulling it, the CI promotion step (<c>app:sha -> 1.4.2, 1.4, latest</c>).
/// The source manifest or index is fetched once and put under each target: in the same repository that is all
/// (no blob is touched); into another repository of the same registry every blob is mounted; into another
/// registry blobs are streamed across. Indexes stay whole, so every target has the source's digest.
/// </summary>
public sealed class RemoteTagger(Func<ImageReference, RegistryClient> registries)
{
    public async Task<IReadOnlyList<RemoteTagResult>> TagAsync(
        ImageReference source, IReadOnlyList<ImageReference> targets, TransferOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        foreach (var target in targets)
        {
            if (target.Digest is not null || target.Tag is null)
            {
                throw new InvalidInputException($"cannot tag {source.FamiliarString} as {target.FamiliarString}: a target needs a tag and no digest");
            }
        }

        var location = new RegistryLocation(source);
        await using var opened = await RegistryLocation.OpenAsync(registries(location.Normalized), location.Normalized, cancellationToken);
        var results = new List<RemoteTagResult>();
        foreach (var target in targets)
        {
            var destination = new RegistryDestination(registries(target), target, opened.MountSource);
            var copy = await ImageCopier.CopyAsync(opened, destination, options with { AllPlatforms = true, Platform = null }, cancellationToken);
            results.Add(new RemoteTagResult(target, copy.Root, copy));
        }

        return results;
    }
}
