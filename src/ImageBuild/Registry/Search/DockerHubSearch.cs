using System.Globalization;
using System.Net;
using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Search;

/// <summary>
/// Docker Hub's search API, <c>GET {index}/search?q=TERM&amp;n=LIMIT</c>, with docker's rules: the limit is
/// 1..100, a <c>library/</c> prefix is dropped (official images are indexed by their short name), and the
/// filters apply after the limit, so <c>--limit 10 --filter is-official=true</c> can show fewer than 10.
/// </summary>
public sealed class DockerHubSearch : ISearchService
{
    private const string OfficialPrefix = "library/";
    private readonly RegistryTransport transport;

    /// <param name="indexUri">The v1 index; null means <see cref="DefaultIndexUri"/>. Tests point it at a local server.</param>
    public DockerHubSearch(RegistryTransport transport, Uri? indexUri = null)
    {
        this.transport = transport;
        var index = indexUri ?? DefaultIndexUri;
        IndexUri = index.AbsoluteUri.EndsWith('/') ? index : new Uri(index.AbsoluteUri + "/");
    }

    public static Uri DefaultIndexUri { get; } = new("https://index.docker.io/v1/");

    public Uri IndexUri { get; }

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string term, SearchOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (string.IsNullOrWhiteSpace(term))
        {
            throw new InvalidInputException("the search term is empty: give part of a repository name, such as dotnet");
        }

        if (term.Contains("://", StringComparison.Ordinal))
        {
            throw new InvalidInputException($"invalid repository name: repository name ({term}) should not have a scheme");
        }

        var query = term.StartsWith(OfficialPrefix, StringComparison.Ordinal) ? term[OfficialPrefix.Length..] : term;
        var uri = new Uri(IndexUri, string.Create(CultureInfo.InvariantCulture, $"search?q={Uri.EscapeDataString(query)}&n={options.Limit}"));
        var call = new RegistryCall("search", IndexUri.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        HttpResponseMessage response;
        try
        {
            response = await transport.Http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Unreachable(ex, call);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw await RegistryErrors.FromResponseAsync(response, call, cancellationToken);
            }

            HubSearchResponse? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(
                    await response.Content.ReadAsStreamAsync(cancellationToken), SearchJsonContext.Default.HubSearchResponse, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new RegistryException($"cannot search {IndexUri.Authority}: it answered with invalid JSON ({ex.Message})", response.StatusCode, innerException: ex);
            }

            // The index is asked for Limit results; taking them again keeps the promise if it sends more.
            return options.Filter.Apply((body?.Results ?? []).Take(options.Limit));
        }
    }
}
