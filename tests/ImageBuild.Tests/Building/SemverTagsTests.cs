using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Tests.Building;

public sealed class SemverTagsTests
{
    [Theory]
    [InlineData("1.4.2", "1.4.2,1.4,1,latest")]
    [InlineData("v10.0.3", "10.0.3,10.0,10,latest")]
    [InlineData("1.4.2+build.5", "1.4.2,1.4,1,latest")]
    [InlineData("2.0.0-rc.1", "2.0.0-rc.1")]
    [InlineData("2.0.0-rc.1+sha.abc", "2.0.0-rc.1")]
    public void Expands_releases_and_keeps_prereleases_to_their_full_tag(string version, string expected) =>
        Assert.Equal(expected.Split(','), SemverTags.Expand(version));

    [Theory]
    [InlineData("1.4")]
    [InlineData("latest")]
    [InlineData("1.4.2.7")]
    public void Refuses_what_is_not_semver(string version) =>
        Assert.Throws<InvalidInputException>(() => SemverTags.Expand(version));

    [Fact]
    public void Applies_to_every_repository_without_its_tag()
    {
        var tags = SemverTags.Apply([ImageReference.Parse("app:dev"), ImageReference.Parse("ghcr.io/o/app")], "3.1.0");
        Assert.Equal(
            ["docker.io/library/app:3.1.0", "docker.io/library/app:3.1", "docker.io/library/app:3", "docker.io/library/app:latest",
             "ghcr.io/o/app:3.1.0", "ghcr.io/o/app:3.1", "ghcr.io/o/app:3", "ghcr.io/o/app:latest"],
            tags);
    }
}
