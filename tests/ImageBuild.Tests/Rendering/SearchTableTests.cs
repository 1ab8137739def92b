using System.Text.Json.Nodes;
using ImageBuild.Cli.Rendering;
using ImageBuild.Registry;
using ImageBuild.Registry.Search;
using ImageBuild.Tests.Registry.Search;

namespace ImageBuild.Tests.Rendering;

/// <summary><c>dotnet image search</c>'s output for results the library got from the stand-in for a recorded Hub response.</summary>
public sealed class SearchTableTests : IDisposable
{
    private readonly RecordedHubServer hub = new();
    private readonly RegistryTransport transport = new();

    public void Dispose()
    {
        transport.Dispose();
        hub.Dispose();
    }

    [Fact]
    public async Task DefaultTableHasDockersColumnsEllipsisAndOfficialMark()
    {
        var results = await SearchAsync(limit: 9);

        var lines = Render(results, format: null, truncate: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches("^NAME +DESCRIPTION +STARS +OFFICIAL$", lines[0]);
        Assert.Equal(10, lines.Length);
        var first = lines[1];
        var description = "Official images for .NET and ASP.NET Core, now published to the Microsoft Container Registry (mcr.microsoft.com).";
        Assert.Contains(description[..44] + "…", first, StringComparison.Ordinal);
        Assert.DoesNotContain(description[..45], first, StringComparison.Ordinal);
        Assert.EndsWith("1994", first.TrimEnd(), StringComparison.Ordinal);
        Assert.Matches(@"^mono +Mono is an open source implementation of Mic… +503 +\[OK\]$", lines[3]);

        // Columns line up: every row's STARS starts where the header's does.
        var starsColumn = lines[0].IndexOf("STARS", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Matches("^[0-9]", line[starsColumn..]));
    }

    [Fact]
    public async Task NoTruncKeepsWholeDescriptionsOnOneLine()
    {
        var results = await SearchAsync(limit: 9);

        var output = Render(results, "{{.Name}}|{{.Description}}", truncate: false);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.Contains("microsoft/dotnet-samples|.NET Core Docker samples: https://github.com/dotnet/dotnet-docker/tree/main/samples", lines);
        Assert.Contains("circleci/dotnet|CircleCI images for .NET  Deprecated: use cimg/dotnet", lines);
        Assert.Contains("microsoft/dotnet|Official images for .NET and ASP.NET Core, now published to the Microsoft Container Registry (mcr.microsoft.com).", lines);
    }

    [Fact]
    public async Task JsonFormatSpellsFlagsAsTrueAndFalseWithSortedKeys()
    {
        var results = await SearchAsync(limit: 3);

        var rows = Render(results, "json", truncate: true).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(["Description", "IsOfficial", "Name", "StarCount"], row.Select(p => p.Key)));
        Assert.Equal("true", (string)rows[2]["IsOfficial"]!);
        Assert.Equal("false", (string)rows[0]["IsOfficial"]!);
        Assert.Equal("312", (string)rows[1]["StarCount"]!);
    }

    [Fact]
    public async Task TemplatesReachEveryField()
    {
        var results = await SearchAsync(limit: 3);

        var output = Render(results, "table {{.Name}}\\t{{.StarCount}}\\t{{.IsOfficial}}\\t{{.IsAutomated}}", truncate: true);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^NAME +STARS +OFFICIAL +AUTOMATED$", lines[0]);
        Assert.Matches(@"^mono +503 +\[OK\]", lines[3]);
    }

    [Fact]
    public void CatalogResultsLeaveDescriptionStarsAndOfficialEmpty()
    {
        var output = Render([new SearchResult { Name = "localhost:5000/team/app" }], "{{.Name}}|{{.Description}}|{{.StarCount}}|{{.IsOfficial}}", truncate: true);

        Assert.Equal("localhost:5000/team/app|||\n", output);
    }

    private static string Render(IReadOnlyList<SearchResult> results, string? format, bool truncate)
    {
        using var output = new StringWriter();
        SearchTable.Write(results, format, truncate, output);
        return output.ToString();
    }

    private Task<IReadOnlyList<SearchResult>> SearchAsync(int limit) =>
        new DockerHubSearch(transport, hub.IndexUri).SearchAsync("dotnet", new SearchOptions { Limit = limit }, CancellationToken.None);
}
