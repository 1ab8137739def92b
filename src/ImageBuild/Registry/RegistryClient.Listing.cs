using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ImageBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// <c>GET /v2/NAME/tags/list?n=</c>, following <c>Link: &lt;...&gt;; rel="next"</c> until the last page.
    /// <paramref name="pageSize"/> null lets the registry choose.
    /// </summary>
    public IAsyncEnumerable<string> ListTagsAsync(string repository, int? pageSize = null, CancellationToken cancellationToken = default) =>
        PaginateAsync(
            $"v2/{repository}/tags/list",
            pageSize,
            new RegistryCall("list tags of", Registry, repository),
            [RegistryScope.Pull(repository)],
            RegistryJsonContext.Default.TagList,
            page => page.Tags,
            cancellationToken);

    /// <summary><c>GET /v2/_catalog?n=</c> (a distribution extension, not in the OCI spec), paginated the same way.</summary>
    public IAsyncEnumerable<string> ListRepositoriesAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        PaginateAsync(
            "v2/_catalog",
            pageSize,
            new RegistryCall("list repositories of", Registry),
            [RegistryScope.Catalog],
            RegistryJsonContext.Default.RepositoryCatalog,
            page => page.Repositories,
            cancellationToken);

    private async IAsyncEnumerable<TItem> PaginateAsync<TPage, TItem>(
        string path,
        int? pageSize,
        RegistryCall call,
        IReadOnlyList<string> scopes,
        JsonTypeInfo<TPage> pageType,
        Func<TPage, IReadOnlyList<TItem>?> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (pageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "a page holds at least one entry");
        }

        Uri? next = new(baseUri, pageSize is { } n ? $"{path}?n={n}" : path);
        var seen = new HashSet<Uri>();
        while (next is not null)
        {
            if (!seen.Add(next))
            {
                throw new RegistryException($"cannot {call.Operation} {call.Display}: {Registry} paginates in a loop (it links back to {next.PathAndQuery})");
            }

            using var request = NewRequest(HttpMethod.Get, next, scopes);
            using var response = await SendAsync(request, call, cancellationToken);
            await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.OK);
            TPage? page;
            try
            {
                page = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken), pageType, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new RegistryException($"cannot {call.Operation} {call.Display}: {Registry} answered with invalid JSON ({ex.Message})", response.StatusCode, innerException: ex);
            }

            foreach (var item in (page is null ? null : items(page)) ?? [])
            {
                yield return item;
            }

            next = LinkHeader.FindNext(Header(response, "Link")) is { } link ? new Uri(request.RequestUri!, link) : null;
        }
    }
}
