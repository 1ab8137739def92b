namespace ImageBuild.Registry.Search;

/// <summary>A place to search for repositories: Docker Hub's search API or a registry's catalog.</summary>
public interface ISearchService
{
    /// <summary>The repositories matching <paramref name="term"/>, at most <see cref="SearchOptions.Limit"/>, then filtered.</summary>
    Task<IReadOnlyList<SearchResult>> SearchAsync(string term, SearchOptions options, CancellationToken cancellationToken = default);
}
