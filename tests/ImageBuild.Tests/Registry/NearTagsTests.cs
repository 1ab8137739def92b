using ImageBuild.Registry.Remote;

namespace ImageBuild.Tests.Registry;

public class NearTagsTests
{
    [Theory]
    [InlineData("1.2", "1.0", 1)]
    [InlineData("latest", "lates", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("8.0-alpine", "8.0-alpine3.20", 4)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_single_character_changes(string a, string b, int expected) =>
        Assert.Equal(expected, NearTags.EditDistance(a, b));
}
