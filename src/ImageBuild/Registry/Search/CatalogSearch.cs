using ImageBuild.Errors;

namespace ImageBuild.Registry.Search;

/// <summary>
/// Search on a registry without a search API: page through its catalog (<c>GET /v2/_catalog</c>) and keep
/// the repositories whose name contains the term, ignoring case, until the limit is reached. Results are
/// named <c>host/repository</c> so they can be pulled as shown; a catalog has no descriptions, stars or
/// official flags, so filters on them are refused.
/// </summary>
public sealed class CatalogSearch : ISearchService
{
    private readonly RegistryClient client;
    private readonly int? pageSize;

    /// <param name="pageSize">Catalog entries per request; null lets the registry choose.</param>
    public CatalogSearch(RegistryClient client, int? pageSize = null)
    {
        this.client = client;
        this.pageSize = pageSize;
    }

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string term, SearchOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (!options.Filter.IsEmpty)
        {
            throw new InvalidInputException(
                "the registry's catalog has no stars or official flags; drop --filter stars/is-official/is-automated or search Docker Hub (without --registry)");
        }

        var found = new List<SearchResult>();
        // Leaving the loop early stops the paging, so a registry with many repositories is read only as far as needed.
        await foreach (var repository in client.ListRepositoriesAsync(pageSize, cancellationToken))
        {
            if (repository.Contains(term, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new SearchResult { Name = $"{client.Registry}/{repository}" });
                if (found.Count == options.Limit)
                {
                    break;
                }
            }
        }

        return found;
    }
}
