using ImageBuild.Registry;
using ImageBuild.Registry.Http;

namespace ImageBuild.Tests.Registry;

public sealed class RegistryHeaderParsingTests
{
    [Theory]
    [InlineData("</v2/_catalog?last=b&n=2>; rel=\"next\"", "/v2/_catalog?last=b&n=2")]
    [InlineData("<https://r.example/v2/a/tags/list?n=2&last=x>; rel=next", "https://r.example/v2/a/tags/list?n=2&last=x")]
    [InlineData("</prev>; rel=\"prev\", </next?last=c>; rel=\"next\"", "/next?last=c")]
    [InlineData("</both>; title=\"x, y\"; rel=\"prev next\"", "/both")]
    [InlineData("</v2/x>;rel=\"NEXT\"", "/v2/x")]
    public void FindsTheNextLink(string header, string expected) => Assert.Equal(expected, LinkHeader.FindNext(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("</prev>; rel=\"prev\"")]
    [InlineData("</unterminated; rel=\"next\"")]
    [InlineData("</nextdoor>; rel=\"nextdoor\"")]
    public void NoNextLink(string? header) => Assert.Null(LinkHeader.FindNext(header));

    [Theory]
    [InlineData("/v2/app/blobs/uploads/u1?_state=abc", "https://r.example:5000/v2/app/blobs/uploads/u1?_state=abc")]
    [InlineData("https://storage.example/upload/u1?sig=x", "https://storage.example/upload/u1?sig=x")]
    [InlineData("u2", "https://r.example:5000/v2/app/blobs/uploads/u2")]
    public void ResolvesUploadLocations(string location, string expected)
    {
        var request = new Uri("https://r.example:5000/v2/app/blobs/uploads/");
        Assert.Equal(expected, UploadLocation.Resolve(request, location).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://r.example/v2/a/blobs/uploads/u1", "https://r.example/v2/a/blobs/uploads/u1?digest=sha256%3Aab")]
    [InlineData("https://r.example/v2/a/blobs/uploads/u1?_state=x%3D", "https://r.example/v2/a/blobs/uploads/u1?_state=x%3D&digest=sha256%3Aab")]
    [InlineData("https://r.example/u?", "https://r.example/u?digest=sha256%3Aab")]
    public void AppendsTheDigestToTheQuery(string location, string expected) =>
        Assert.Equal(expected, UploadLocation.WithQueryParameter(new Uri(location), "digest", "sha256:ab").AbsoluteUri);

    [Fact]
    public void FormatsAndParsesUploadRanges()
    {
        Assert.Equal("0-65535", UploadRange.Format(0, 65536));
        Assert.Equal("65536-131071", UploadRange.Format(65536, 65536));
        Assert.Equal(1023L, UploadRange.ParseEnd("0-1023"));
        Assert.Equal(9L, UploadRange.ParseEnd("bytes=0-9"));
        Assert.Null(UploadRange.ParseEnd("5-9"));
        Assert.Null(UploadRange.ParseEnd("garbage"));
        Assert.Null(UploadRange.ParseEnd(null));
    }

    [Fact]
    public void ParsesBearerChallenge()
    {
        var challenge = Assert.Single(AuthChallenge.ParseAll(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull repository:a/b:pull,push\""));
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal(["repository:library/alpine:pull", "repository:a/b:pull,push"], challenge.Scopes);
    }

    [Fact]
    public void ParsesSeveralChallengesQuotedCommasAndEscapes()
    {
        var challenges = AuthChallenge.ParseAll("Basic realm=\"a, \\\"quoted\\\" realm\", Bearer realm=\"https://t.example/token\", error=insufficient_scope");
        Assert.Equal(2, challenges.Count);
        Assert.True(challenges[0].IsBasic);
        Assert.Equal("a, \"quoted\" realm", challenges[0].Realm);
        Assert.Equal("https://t.example/token", challenges[1].Realm);
        Assert.Equal("insufficient_scope", challenges[1].Parameter("error"));
    }

    [Fact]
    public void ParsesOnlyCode299Warnings()
    {
        Assert.Equal(["this registry is deprecated"], WarningHandler.Parse("299 - \"this registry is deprecated\""));
        Assert.Equal(["a", "b, c"], WarningHandler.Parse("299 registry \"a\" \"Sat, 25 Aug 2012 23:34:45 GMT\", 110 - \"stale\", 299 - \"b, c\""));
        Assert.Empty(WarningHandler.Parse("110 - \"Response is stale\""));
    }
}
