using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Registry.Search;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image search TERM</c>: Docker Hub's search, with docker's limit, filters and columns; or, with
/// <c>--registry HOST</c> or <c>$DOTNET_IMAGE_SEARCH_REGISTRY</c>, the repositories of that registry's catalog
/// whose names contain TERM.
/// </summary>
internal static class SearchCommand
{
    /// <summary>The registry searched when --registry is not given; unset or empty means Docker Hub.</summary>
    public const string DefaultRegistryVariable = "DOTNET_IMAGE_SEARCH_REGISTRY";

    // Two path components, so Docker Hub does not add library/ and the host is checked on its own.
    private const string ProbeRepository = "probe/search";

    public static Command Create(GlobalOptions globals)
    {
        var term = new Argument<string>("TERM") { Description = "Text to look for in repository names (and, on Docker Hub, descriptions)" };
        var registry = new Option<string?>("--registry")
        {
            Description = $"Search the catalog of this registry (host[:port]) instead of Docker Hub (default: ${DefaultRegistryVariable})",
        };
        var limit = new Option<int>("--limit") { Description = "Max number of search results (1 to 100)", DefaultValueFactory = _ => SearchOptions.DefaultLimit };
        var filter = new Option<string[]>("--filter", "-f")
        {
            Description = "Filter output based on conditions provided: stars=N, is-official=true|false, is-automated=true|false (Docker Hub only)",
        };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var format = new Option<string?>("--format") { Description = "Format output: 'table', 'table TEMPLATE', 'json', or a Go template ({{.Name}}, {{.Description}}, {{.StarCount}}, {{.IsOfficial}}, {{.IsAutomated}})" };
        var command = new Command("search", "Search Docker Hub, or a registry's catalog, for images") { term, registry, limit, filter, noTrunc, format };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var options = new SearchOptions { Limit = context.GetValue(limit), Filter = SearchFilter.Parse(context.GetValue(filter) ?? []) };
            options.Validate();
            var formatText = context.GetValue(format);
            _ = ListFormat.Parse(formatText, DefaultTableFormats.Search); // a bad template fails before the network is asked
            var host = context.GetValue(registry) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(DefaultRegistryVariable);

            using var registries = context.OpenRegistries();
            ISearchService service = string.IsNullOrEmpty(host) || IsDockerHub(host)
                ? new DockerHubSearch(registries.Transport)
                : new CatalogSearch(registries.Transport.CreateClient(host));
            IReadOnlyList<SearchResult> results;
            try
            {
                results = await service.SearchAsync(context.GetValue(term)!, options, cancellationToken);
            }
            catch (RegistryException ex) when (ex.StatusCode is null && service is DockerHubSearch)
            {
                throw new RegistryException($"{ex.Message}; to search a registry's catalog instead, give --registry HOST or set ${DefaultRegistryVariable}", innerException: ex);
            }

            SearchTable.Write(results, formatText, truncate: !context.GetValue(noTrunc), context.Out);
            return ExitCodes.Success;
        });
    }

    /// <summary>Checks <paramref name="host"/> is a registry host[:port] and tells whether it is Docker Hub, whose search API beats its catalog.</summary>
    private static bool IsDockerHub(string host)
    {
        if (!ImageReference.TryParse($"{host}/{ProbeRepository}", out var probe) || probe.Repository != ProbeRepository
            || !(probe.Registry.Equals(host, StringComparison.OrdinalIgnoreCase) || probe.IsDockerHub))
        {
            throw new InvalidInputException($"registry \"{host}\" is not a host[:port]: give it as localhost:5000 or registry.example.com, without scheme or path");
        }

        return probe.IsDockerHub || DockerHub.IsHost(host);
    }
}
