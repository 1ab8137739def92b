using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Registry;
using ImageBuild.Registry.Search;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image search</c> on a real registry's catalog (its own registry, so the catalog holds exactly
/// the repositories pushed here), and on Docker Hub, which this machine cannot reach.
/// </summary>
public sealed class SearchCommandTests : IAsyncLifetime
{
    // Catalog order is lexical; three of the six contain "dotnet", in different cases of the term.
    private static readonly string[] Repositories = ["apps/dotnet-api", "dotnet-runtime", "tools/netcat", "web", "zeta/dotnet", "zeta/other"];

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-search-cli");
    private RegistryFixture registry = null!;

    private CliRunner Cli => new(temp.Combine("store"));

    public async Task InitializeAsync()
    {
        registry = await RegistryFixture.StartAsync();
        var seeder = new RegistrySeeder(registry, temp);
        await seeder.PushImageAsync(Repositories[0], "1");
        await seeder.CopyAsync($"{Repositories[0]}:1", Repositories.Skip(1).Select(r => $"{r}:1").ToArray());
    }

    public async Task DisposeAsync()
    {
        await registry.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task CatalogSearchListsRepositoriesContainingTheTermIgnoringCase()
    {
        var result = (await Cli.RunAsync("search", "DotNet", "--registry", registry.Host)).EnsureSuccess();

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^NAME +DESCRIPTION +STARS +OFFICIAL$", lines[0]);
        Assert.Equal(
            [$"{registry.Host}/apps/dotnet-api", $"{registry.Host}/dotnet-runtime", $"{registry.Host}/zeta/dotnet"],
            lines.Skip(1).Select(l => l.TrimEnd()));
    }

    [Fact]
    public async Task CatalogSearchStopsAtTheLimit()
    {
        var result = (await Cli.RunAsync("search", "dotnet", "--registry", registry.Host, "--limit", "2", "--format", "{{.Name}}")).EnsureSuccess();

        Assert.Equal($"{registry.Host}/apps/dotnet-api\n{registry.Host}/dotnet-runtime\n", result.StandardOutput);
    }

    [Fact]
    public async Task CatalogIsPagedOnlyAsFarAsTheLimitNeeds()
    {
        using var transport = new RegistryTransport();
        var search = new CatalogSearch(transport.CreateClient(registry.Host), pageSize: 2);
        var before = CatalogRequests();

        var first = await search.SearchAsync("dotnet", new SearchOptions { Limit = 1 }, CancellationToken.None);
        var afterFirst = CatalogRequests();
        var all = await search.SearchAsync("dotnet", new SearchOptions(), CancellationToken.None);

        Assert.Equal([$"{registry.Host}/apps/dotnet-api"], first.Select(r => r.Name));
        Assert.Equal(1, afterFirst - before);
        Assert.Equal([$"{registry.Host}/apps/dotnet-api", $"{registry.Host}/dotnet-runtime", $"{registry.Host}/zeta/dotnet"], all.Select(r => r.Name));

        // Six repositories in pages of two: three pages with Link headers, all followed.
        Assert.Equal(3, CatalogRequests() - afterFirst);
        Assert.All(all, r => Assert.Null(r.StarCount));
    }

    [Theory]
    [InlineData("stars=3")]
    [InlineData("is-official=true")]
    [InlineData("is-automated=false")]
    public async Task FiltersOnACatalogAreAUsageError(string filter)
    {
        var before = CatalogRequests();

        var result = await Cli.RunAsync("search", "dotnet", "--registry", registry.Host, "--filter", filter);

        result.EnsureExitCode(2);
        Assert.Equal(
            "error: the registry's catalog has no stars or official flags; drop --filter stars/is-official/is-automated or search Docker Hub (without --registry)",
            result.StandardError.Trim());
        Assert.Equal(before, CatalogRequests());
    }

    [Fact]
    public async Task TheDefaultRegistryComesFromTheEnvironment()
    {
        var cli = new CliRunner(temp.Combine("store"), new Dictionary<string, string?> { ["DOTNET_IMAGE_SEARCH_REGISTRY"] = registry.Host });

        var result = (await cli.RunAsync("search", "net", "--format", "{{.Name}}")).EnsureSuccess();

        Assert.Equal(
            [$"{registry.Host}/apps/dotnet-api", $"{registry.Host}/dotnet-runtime", $"{registry.Host}/tools/netcat", $"{registry.Host}/zeta/dotnet"],
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task LimitOutsideOneToHundredIsAUsageError(string limit)
    {
        var result = await Cli.RunAsync("search", "dotnet", "--registry", registry.Host, "--limit", limit);

        result.EnsureExitCode(2);
        Assert.StartsWith($"error: limit {limit} is outside the range of [1, 100]", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerHubSearchWithoutInternetSaysItCannotReachTheIndex()
    {
        var cli = new CliRunner(temp.Combine("store"), new Dictionary<string, string?> { ["DOTNET_IMAGE_SEARCH_REGISTRY"] = string.Empty });

        var result = await cli.RunAsync(["search", "dotnet"], TimeSpan.FromMinutes(1), CancellationToken.None);

        // Holds on machines without internet, which the test machines are.
        result.EnsureExitCode(1);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith("error: cannot reach registry index.docker.io", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("give --registry HOST", result.StandardError, StringComparison.Ordinal);
    }

    private int CatalogRequests() => registry.Requests().Count(r => r.Target.StartsWith("/v2/_catalog", StringComparison.Ordinal));
}
