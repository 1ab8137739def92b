using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image ls</c> over the store, with docker's rows: for each repository an image is tagged in, one row per
/// tag (with --digests, one per tag and digest of that repository); a row with tag &lt;none&gt; for a repository
/// known only by digest; and one &lt;none&gt;/&lt;none&gt; row for a dangling image, listed as docker lists them (-a
/// adds only intermediate images, which a store of pulled and built images does not have). Reference patterns
/// keep only matching names and leave dangling images out. Newest first.
/// </summary>
public static class ImageQuery
{
    public const string None = ImageTag.None;

    public static async Task<IReadOnlyList<ImageSummary>> ListAsync(ImageStore store, ImageListOptions options, CancellationToken cancellationToken = default)
    {
        var catalog = await StoreImageCatalog.LoadAsync(store, cancellationToken);
        return List(catalog, options, store.Layout.Options.Time.GetUtcNow());
    }

    /// <summary>The rows for an already loaded catalog; <paramref name="now"/> anchors <c>until=</c> durations.</summary>
    public static IReadOnlyList<ImageSummary> List(StoreImageCatalog catalog, ImageListOptions options, DateTimeOffset now)
    {
        var filter = options.Filter ?? ImageFilter.Empty;
        var patterns = filter.References.ToList();
        if (!string.IsNullOrEmpty(options.Repository))
        {
            patterns.Add(GlobPattern.Parse(options.Repository));
        }

        var before = CreatedOfLast(catalog, filter.Before);
        var since = CreatedOfLast(catalog, filter.Since);
        var until = filter.Until.Count > 0 ? filter.Until[^1].Resolve(now) : (DateTimeOffset?)null;
        var rows = new List<ImageSummary>();
        foreach (var image in catalog.Images)
        {
            var created = image.Created ?? DateTimeOffset.MinValue;
            if ((before is not null && created >= before)
                || (since is not null && created <= since)
                || (until is not null && created >= until)
                || !filter.Labels.All(l => l.Matches(image.Labels)))
            {
                continue;
            }

            var tags = image.Tags.Where(t => !t.IsDigestReference && t.Reference is { } r && Matches(patterns, r)).Select(t => t.Reference!).ToList();
            var digests = image.DigestReferences().Where(r => Matches(patterns, r)).DistinctBy(r => r.ToString()).ToList();

            // A ref.name another tool wrote that is no image reference is listed as it is.
            var foreign = image.Tags.Where(t => t.Reference is null && (patterns.Count == 0 || patterns.Any(p => p.IsMatch(t.RefName)))).ToList();
            if (tags.Count == 0 && digests.Count == 0 && foreign.Count == 0)
            {
                if (filter.Dangling == false || patterns.Count > 0)
                {
                    continue;
                }

                rows.Add(Row(image, None, None, None, isDangling: true));
            }
            else if (filter.Dangling != true || (tags.Count == 0 && foreign.Count == 0))
            {
                rows.AddRange(Rows(image, tags, digests, options.Digests));
                rows.AddRange(foreign.Select(t => Row(image, t.RefName, None, None, isDangling: false)));
            }
        }

        return rows
            .OrderByDescending(r => r.Created ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.Id.ToString(), StringComparer.Ordinal)
            .ThenBy(r => r.Repository, StringComparer.Ordinal)
            .ThenBy(r => r.Tag, StringComparer.Ordinal)
            .ThenBy(r => r.Digest, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>docker CLI's imageFormat: rows per repository's tags, digests shown only with --digests.</summary>
    private static IEnumerable<ImageSummary> Rows(StoreImage image, List<ImageReference> tags, List<ImageReference> digests, bool showDigests)
    {
        foreach (var repository in tags.Select(t => t.FamiliarName).Distinct(StringComparer.Ordinal))
        {
            var repositoryDigests = showDigests
                ? digests.Where(d => d.FamiliarName == repository).Select(d => $"{d.Digest}").ToList()
                : [];
            foreach (var tag in tags.Where(t => t.FamiliarName == repository))
            {
                foreach (var digest in repositoryDigests.Count > 0 ? repositoryDigests : [None])
                {
                    yield return Row(image, repository, tag.Tag!, digest, isDangling: false);
                }
            }
        }

        // Repositories known only by digest get rows of their own.
        foreach (var digest in digests.Where(d => tags.All(t => t.FamiliarName != d.FamiliarName)))
        {
            yield return Row(image, digest.FamiliarName, None, showDigests ? $"{digest.Digest}" : string.Empty, isDangling: false);
        }
    }

    /// <summary>docker's reference filter: a pattern matches the familiar string (<c>alpine:3.20</c>) or the familiar name.</summary>
    private static bool Matches(IReadOnlyList<GlobPattern> patterns, ImageReference reference) =>
        patterns.Count == 0 || ReferenceFilter.MatchesAny(patterns, reference);

    private static DateTimeOffset? CreatedOfLast(StoreImageCatalog catalog, IReadOnlyList<string> references)
    {
        DateTimeOffset? created = null;
        foreach (var text in references)
        {
            created = ImageResolver.Resolve(catalog, text).Image.Created ?? DateTimeOffset.MinValue;
        }

        return created;
    }

    private static ImageSummary Row(StoreImage image, string repository, string tag, string digest, bool isDangling) =>
        new(image.ImageId, repository, tag, digest, image.Created, image.Size, image.Labels, isDangling);
}
