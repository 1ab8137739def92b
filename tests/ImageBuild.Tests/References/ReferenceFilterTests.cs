using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Tests.References;

public class ReferenceFilterTests
{
    private const string Sha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("*:latest", "alpine:latest", true)]
    [InlineData("*:latest", "alpine:3.20", false)]
    [InlineData("*:latest", "localhost:5000/x:latest", false)]
    [InlineData("*:latest", "user/app:latest", false)]
    [InlineData("*/*:latest", "user/app:latest", true)]
    [InlineData("alpine", "alpine:latest", true)]
    [InlineData("alpine", "alpine:3.20", true)]
    [InlineData("alpine", "alpine@" + Sha256, true)]
    [InlineData("alpine", "alpine2:latest", false)]
    [InlineData("alpine", "user/alpine:latest", false)]
    [InlineData("alp*", "alpine:3.20", true)]
    [InlineData("alpine:3.*", "alpine:3.20", true)]
    [InlineData("alpine:3.*", "alpine:edge", false)]
    [InlineData("docker.io/library/alpine:3.*", "alpine:3.20", false)]
    [InlineData("docker.io/library/alpine:3.*", "alpine:edge", false)]
    [InlineData("docker.io/library/alpine", "alpine:edge", false)]
    [InlineData("user/*", "docker.io/user/app:1", true)]
    [InlineData("docker.io/user/*", "user/app:1", false)]
    [InlineData("localhost:5000/*", "localhost:5000/x:1", true)]
    [InlineData("localhost:5000/*", "localhost:5000/x/y:1", false)]
    [InlineData("*/*", "alpine:latest", false)]
    [InlineData("*@sha256:*", "alpine@" + Sha256, true)]
    [InlineData("*@sha256:*", "alpine:latest", false)]
    [InlineData("ghcr.io/o/app:v[0-9]*", "ghcr.io/o/app:v2.1", true)]
    [InlineData("ghcr.io/o/app:v[0-9]*", "ghcr.io/o/app:vnext", false)]
    public void Matches_like_docker_image_ls(string pattern, string reference, bool expected)
    {
        Assert.Equal(expected, ReferenceFilter.Matches(pattern, ImageReference.Parse(reference)));
    }

    [Fact]
    public void A_pattern_without_a_tag_can_still_match_the_tagged_form_as_docker_does()
    {
        // Docker tries "foo:latest" before "foo", and '*' may cross ':'.
        Assert.True(ReferenceFilter.Matches("*test", ImageReference.Parse("foo:latest")));
        Assert.False(ReferenceFilter.Matches("*test", ImageReference.Parse("foo:1")));
    }

    [Fact]
    public void Several_patterns_are_ored()
    {
        var patterns = new[] { GlobPattern.Parse("nginx"), GlobPattern.Parse("*:3.*") };

        Assert.True(ReferenceFilter.MatchesAny(patterns, ImageReference.Parse("alpine:3.20")));
        Assert.True(ReferenceFilter.MatchesAny(patterns, ImageReference.Parse("nginx:1")));
        Assert.False(ReferenceFilter.MatchesAny(patterns, ImageReference.Parse("alpine:edge")));
    }

    [Fact]
    public void A_malformed_pattern_is_invalid_input()
    {
        var exception = Assert.Throws<InvalidInputException>(
            () => ReferenceFilter.Matches("alpine:[3", ImageReference.Parse("alpine:3")));

        Assert.Contains("'[' at position 8 is never closed", exception.Message);
    }
}
