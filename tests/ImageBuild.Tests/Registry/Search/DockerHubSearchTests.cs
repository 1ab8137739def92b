using ImageBuild.Errors;
using ImageBuild.Registry;
using ImageBuild.Registry.Search;

namespace ImageBuild.Tests.Registry.Search;

/// <summary>
/// Docker Hub search against <see cref="RecordedHubServer"/>, which serves a stand-in for a recorded Hub
/// response (there is no internet here): docker's limit, filter-after-limit and ordering rules.
/// </summary>
public sealed class DockerHubSearchTests : IDisposable
{
    private readonly RecordedHubServer hub = new();
    private readonly RegistryTransport transport = new();

    private DockerHubSearch Search => new(transport, hub.IndexUri);

    private IEnumerable<string> RecordedNames => hub.RecordedResults.Select(r => (string)r!["name"]!);

    public void Dispose()
    {
        transport.Dispose();
        hub.Dispose();
    }

    [Fact]
    public async Task AsksForTheLimitAndKeepsHubsOrder()
    {
        var results = await Search.SearchAsync("dotnet", new SearchOptions { Limit = 4 }, CancellationToken.None);

        Assert.Equal("/v1/search?q=dotnet&n=4", Assert.Single(hub.Requests));
        Assert.Equal(RecordedNames.Take(4), results.Select(r => r.Name));
        var mono = results.Single(r => r.Name == "mono");
        Assert.True(mono.IsOfficial);
        Assert.Equal(503, mono.StarCount);
        Assert.Equal("Mono is an open source implementation of Microsoft's .NET Framework", mono.Description);
    }

    [Fact]
    public async Task TheDefaultLimitIs25()
    {
        var results = await Search.SearchAsync("dotnet", new SearchOptions(), CancellationToken.None);

        Assert.Equal("/v1/search?q=dotnet&n=25", Assert.Single(hub.Requests));
        Assert.Equal(RecordedNames, results.Select(r => r.Name));
    }

    [Fact]
    public async Task FiltersApplyAfterTheLimit()
    {
        var official = new SearchFilter { IsOfficial = true };

        // mono, the only official image, is the third result: a limit of 2 cuts it off before the filter runs.
        var withinTwo = await Search.SearchAsync("dotnet", new SearchOptions { Limit = 2, Filter = official }, CancellationToken.None);
        var withinThree = await Search.SearchAsync("dotnet", new SearchOptions { Limit = 3, Filter = official }, CancellationToken.None);

        Assert.Empty(withinTwo);
        Assert.Equal(["mono"], withinThree.Select(r => r.Name));
    }

    [Fact]
    public async Task StarsKeepsAtLeastThatManyInOrderAndNotOfficialDropsOfficialImages()
    {
        var filter = SearchFilter.Parse(["stars=100", "is-official=false"]);

        var results = await Search.SearchAsync("dotnet", new SearchOptions { Filter = filter }, CancellationToken.None);

        var expected = hub.RecordedResults
            .Where(r => (int)r!["star_count"]! >= 100 && !(bool)r["is_official"]!)
            .Select(r => (string)r!["name"]!);
        Assert.Equal(expected, results.Select(r => r.Name));
        Assert.Equal(["microsoft/dotnet", "microsoft/dotnet-sdk", "microsoft/dotnet-aspnet", "microsoft/dotnet-runtime"], results.Select(r => r.Name));
    }

    [Fact]
    public async Task AutomatedIsReportedFalseAndFilteringForTrueFindsNothing()
    {
        Assert.Contains(hub.RecordedResults, r => (bool)r!["is_automated"]!);

        var all = await Search.SearchAsync("dotnet", new SearchOptions(), CancellationToken.None);
        var automated = await Search.SearchAsync("dotnet", new SearchOptions { Filter = SearchFilter.Parse(["is-automated=true"]) }, CancellationToken.None);
        var notAutomated = await Search.SearchAsync("dotnet", new SearchOptions { Filter = SearchFilter.Parse(["is-automated=false"]) }, CancellationToken.None);

        Assert.All(all, r => Assert.False(r.IsAutomated));
        Assert.Empty(automated);
        Assert.Equal(all, notAutomated);
    }

    [Fact]
    public async Task LibraryPrefixIsDroppedAndTheTermIsEscaped()
    {
        await Search.SearchAsync("library/dotnet", new SearchOptions { Limit = 1 }, CancellationToken.None);
        await Search.SearchAsync("asp net&core", new SearchOptions { Limit = 1 }, CancellationToken.None);

        Assert.Equal(["/v1/search?q=dotnet&n=1", "/v1/search?q=asp%20net%26core&n=1"], hub.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-3)]
    public async Task LimitOutside1To100IsAUsageErrorBeforeAnyRequest(int limit)
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Search.SearchAsync("dotnet", new SearchOptions { Limit = limit }, CancellationToken.None));

        Assert.StartsWith($"limit {limit} is outside the range of [1, 100]", error.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task ATermWithASchemeIsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Search.SearchAsync("https://hub.example/dotnet", new SearchOptions(), CancellationToken.None));

        Assert.Contains("should not have a scheme", error.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task AFailingIndexIsARegistryErrorNamingIt()
    {
        var wrongPath = new DockerHubSearch(transport, new Uri(hub.IndexUri, "/v2/"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => wrongPath.SearchAsync("dotnet", new SearchOptions(), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains($"cannot search {hub.IndexUri.Authority}", error.Message, StringComparison.Ordinal);
    }
}
