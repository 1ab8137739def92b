namespace ImageBuild.Registry.Remote;

/// <summary>
/// When a tag does not exist, the tags of the same repository that look most like it, so the error can
/// say "did you mean". Only asked for after a miss, so it costs nothing on the way to success.
/// </summary>
public static class NearTags
{
    private const int MaxSuggestions = 5;
    private const int MaxTagsRead = 10_000;

    /// <summary>
    /// Rethrows a MANIFEST_UNKNOWN for <paramref name="tag"/> with the nearest existing tags in its message;
    /// any other failure, or a repository without tags, passes through unchanged.
    /// </summary>
    public static async Task<T> SuggestOnMissingTagAsync<T>(
        RegistryClient client, string repository, string tag, Func<Task<T>> fetch, CancellationToken cancellationToken = default)
    {
        try
        {
            return await fetch();
        }
        catch (RegistryException missing) when (missing.ErrorCode == "MANIFEST_UNKNOWN" && !tag.Contains(':'))
        {
            var near = await FindAsync(client, repository, tag, cancellationToken);
            if (near.Count == 0)
            {
                throw;
            }

            throw new RegistryException(
                $"{missing.Message.Split(';')[0]}; tags near it: {string.Join(", ", near)} (all of them: 'dotnet image tags {client.Registry}/{repository}')",
                missing.StatusCode,
                missing.Errors,
                missing);
        }
    }

    /// <summary>Up to five tags ordered by edit distance to <paramref name="tag"/>, then by name; empty when the list cannot be read.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(RegistryClient client, string repository, string tag, CancellationToken cancellationToken = default)
    {
        var tags = new List<string>();
        try
        {
            await foreach (var existing in client.ListTagsAsync(repository, cancellationToken: cancellationToken))
            {
                tags.Add(existing);
                if (tags.Count >= MaxTagsRead)
                {
                    break;
                }
            }
        }
        catch (RegistryException)
        {
            // No list (unknown repository, no permission): the plain "not found" stands.
            return [];
        }

        return tags
            .Select(t => (Tag: t, Distance: EditDistance(t, tag)))
            .Where(t => t.Distance <= Math.Max(2, tag.Length / 3))
            .OrderBy(t => t.Distance)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(t => t.Tag)
            .ToList();
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
