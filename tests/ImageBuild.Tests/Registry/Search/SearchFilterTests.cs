using ImageBuild.Errors;
using ImageBuild.Registry.Search;

namespace ImageBuild.Tests.Registry.Search;

public sealed class SearchFilterTests
{
    [Fact]
    public void ParsesEveryKeyAndTheHighestStarsWins()
    {
        var filter = SearchFilter.Parse(["stars=3", "is-official=1", "stars=10", "is-automated=false", "stars=5"]);

        Assert.Equal(new SearchFilter { MinimumStars = 10, IsOfficial = true, IsAutomated = false }, filter);
        Assert.False(filter.IsEmpty);
        Assert.True(SearchFilter.Parse([]).IsEmpty);
    }

    [Theory]
    [InlineData("label=x", "invalid filter 'label': valid filters are stars=N, is-official=true|false and is-automated=true|false")]
    [InlineData("stars", "bad format of filter 'stars' (expected name=value)")]
    [InlineData("stars=many", "invalid filter 'stars=many': give a whole number of stars")]
    [InlineData("is-official=yes", "invalid filter 'is-official=yes': is-official takes true or false")]
    public void BadFiltersAreUsageErrorsNamingTheFilter(string text, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => SearchFilter.Parse([text]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContradictingBooleansAreRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => SearchFilter.Parse(["is-official=true", "is-official=false"]));

        Assert.Contains("both true and false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsWithoutStarsCountAsZero()
    {
        SearchResult[] results = [new() { Name = "a" }, new() { Name = "b", StarCount = 2 }];

        Assert.Equal(["a", "b"], SearchFilter.Parse(["stars=0"]).Apply(results).Select(r => r.Name));
        Assert.Equal(["b"], SearchFilter.Parse(["stars=1"]).Apply(results).Select(r => r.Name));
    }
}
