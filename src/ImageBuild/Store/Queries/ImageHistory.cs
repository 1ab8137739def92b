using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>
/// <c>image history</c>: the config's history, newest first. Entries that made a layer take the layers in
/// order; <c>empty_layer</c> entries have size 0. A config without history gets one row per layer, and
/// layers beyond what the history names get rows of their own rather than being hidden.
/// </summary>
public static class ImageHistory
{
    public static async Task<IReadOnlyList<ImageHistoryRow>> GetAsync(ImageStore store, string text, Platform? platform, CancellationToken cancellationToken = default)
    {
        var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
        return Get(resolved.Image, platform);
    }

    public static IReadOnlyList<ImageHistoryRow> Get(StoreImage image, Platform? platform)
    {
        var (content, _) = PlatformSelector.Select(image, platform);
        var layers = content.Manifest.Value.Layers;
        var rows = new List<ImageHistoryRow>();
        var nextLayer = 0;
        foreach (var entry in content.Config.Value.History ?? [])
        {
            long size = 0;
            if (!entry.IsEmptyLayer && nextLayer < layers.Count)
            {
                size = layers[nextLayer++].Size;
            }

            rows.Add(Row(ImageConfig.ParseTime(entry.Created), entry.CreatedBy, size, entry.Comment));
        }

        for (; nextLayer < layers.Count; nextLayer++)
        {
            rows.Add(Row(content.Created, null, layers[nextLayer].Size, null));
        }

        rows.Reverse();
        if (rows.Count > 0)
        {
            rows[0] = rows[0] with { Id = image.ImageId.ToString(), Tags = image.Tags.Select(t => t.FamiliarString).ToList() };
        }

        return rows;
    }

    private static ImageHistoryRow Row(DateTimeOffset? created, string? createdBy, long size, string? comment) =>
        new(ImageHistoryRow.Missing, created, createdBy ?? string.Empty, size, comment ?? string.Empty, []);
}
