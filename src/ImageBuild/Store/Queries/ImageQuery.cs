using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image ls</c> over the store: one row per tag, plus one <c>&lt;none&gt;</c> row per dangling image when
/// asked for (-a or dangling=true), newest first. With reference patterns only the matching tags are rows
/// and dangling images are left out, as in docker.
/// </summary>
public static class ImageQuery
{
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

            if (image.IsDangling)
            {
                if (filter.Dangling != false && patterns.Count == 0 && (options.All || filter.Dangling == true))
                {
                    rows.Add(Row(image, null));
                }
            }
            else if (filter.Dangling != true)
            {
                rows.AddRange(image.Tags.Where(t => patterns.Count == 0 || Matches(patterns, t)).Select(t => Row(image, t)));
            }
        }

        return rows
            .OrderByDescending(r => r.Created ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.Repository, StringComparer.Ordinal)
            .ThenBy(r => r.Tag, StringComparer.Ordinal)
            .ThenBy(r => r.Id.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    private static bool Matches(IReadOnlyList<GlobPattern> patterns, ImageTag tag) =>
        tag.Reference is { } reference ? ReferenceFilter.MatchesAny(patterns, reference) : patterns.Any(p => p.IsMatch(tag.RefName));

    private static DateTimeOffset? CreatedOfLast(StoreImageCatalog catalog, IReadOnlyList<string> references)
    {
        DateTimeOffset? created = null;
        foreach (var text in references)
        {
            created = ImageResolver.Resolve(catalog, text).Image.Created ?? DateTimeOffset.MinValue;
        }

        return created;
    }

    private static ImageSummary Row(StoreImage image, ImageTag? tag) => new(
        image.ImageId,
        tag?.Repository ?? ImageTag.None,
        tag?.Tag ?? ImageTag.None,
        tag is null ? image.Digest : image.RegistryDigestFor(tag),
        image.Created,
        image.Size,
        image.Labels,
        tag is null,
        tag?.RefName);
}
