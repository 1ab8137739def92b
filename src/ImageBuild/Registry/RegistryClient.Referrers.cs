using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// The referrers of <paramref name="subject"/>: from <c>GET /v2/NAME/referrers/DIGEST</c> (every page), or, when
    /// the registry has no referrers API (it answers 404), from the index the referrers tag schema keeps under the
    /// tag <see cref="ReferrersTag"/>; none when that tag does not exist either.
    /// </summary>
    public async Task<ReferrerList> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("list referrers of", Registry, repository, subject.ToString());
        var listed = new List<Descriptor>();
        try
        {
            await foreach (var referrer in PaginateAsync(
                $"v2/{repository}/referrers/{subject}", null, call, [RegistryScope.Pull(repository)], OciJsonContext.Default.ImageIndex, page => page.Manifests, cancellationToken))
            {
                listed.Add(referrer);
            }

            return new ReferrerList(listed, FromApi: true);
        }
        catch (RegistryException ex) when (ex.IsNotFound && listed.Count == 0)
        {
            // No referrers API here: the referrers tag schema is the fallback the spec gives.
        }

        var fallback = await ReadReferrersTagAsync(repository, subject, cancellationToken);
        return new ReferrerList(fallback?.Manifests ?? [], FromApi: false);
    }

    /// <summary>
    /// Makes sure <paramref name="referrers"/> (manifests already pushed, each with <paramref name="subject"/> as
    /// its subject) are found as referrers. A registry with the referrers API indexed them when they were pushed; on
    /// one without it they are added to the index under the <see cref="ReferrersTag"/>, keeping every referrer
    /// already listed there (pushed only when something was missing).
    /// </summary>
    /// <returns>True when the referrers tag was written.</returns>
    public async Task<bool> AddReferrersAsync(
        string repository, Digest subject, IReadOnlyList<Descriptor> referrers, CancellationToken cancellationToken = default)
    {
        var current = await ListReferrersAsync(repository, subject, cancellationToken);
        if (current.FromApi)
        {
            return false;
        }

        var missing = referrers.Where(r => current.Manifests.All(m => m.Digest != r.Digest)).DistinctBy(r => r.Digest).ToList();
        if (missing.Count == 0)
        {
            return false;
        }

        var index = new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = [.. current.Manifests, .. missing] };
        await PutManifestAsync(repository, ReferrersTag(subject), OciJson.Serialize(index), MediaTypes.OciIndex, cancellationToken);
        return true;
    }

    /// <summary>The tag of the referrers tag schema: <c>ALG-HEX</c> of the subject's digest (the hex cut to 64 characters).</summary>
    public static string ReferrersTag(Digest subject) =>
        $"{Truncate(subject.Algorithm, 32)}-{Truncate(subject.Hex, 64)}";

    private async Task<ImageIndex?> ReadReferrersTagAsync(string repository, Digest subject, CancellationToken cancellationToken)
    {
        var tag = ReferrersTag(subject);
        RegistryManifest manifest;
        try
        {
            manifest = await GetManifestAsync(repository, tag, cancellationToken);
        }
        catch (RegistryException ex) when (ex.IsNotFound)
        {
            return null;
        }

        return MediaTypes.IsIndex(manifest.MediaType) && !MediaTypes.IsDocker(manifest.MediaType)
            ? OciJson.ParseIndex(manifest.Bytes)
            : throw new ImageBuildException(
                $"{Registry}/{repository}:{tag} should hold the referrers of {subject} as an OCI index but holds a {manifest.MediaType}; remove that tag or rename what it holds");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
