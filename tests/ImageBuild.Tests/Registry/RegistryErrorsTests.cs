using System.Net;
using System.Text;
using ImageBuild.Registry;

namespace ImageBuild.Tests.Registry;

public sealed class RegistryErrorsTests
{
    private static readonly RegistryCall GetManifest = new("get manifest", "localhost:5000", "app", "1.0");

    [Fact]
    public void ParsesTheErrorBody()
    {
        var errors = RegistryErrors.ParseBody(Encoding.UTF8.GetBytes(
            """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"1.0"}},{"code":"DENIED","message":"no"}]}"""));

        Assert.Equal(["MANIFEST_UNKNOWN", "DENIED"], errors.Select(e => e.Code));
        Assert.Equal("manifest unknown", errors[0].Message);
        Assert.Equal("""{"Tag":"1.0"}""", errors[0].Detail!.Value.GetRawText());
        Assert.Null(errors[1].Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("{\"message\":\"not the registry format\"}")]
    [InlineData("null")]
    public void BodiesThatAreNotRegistryErrorsGiveNoErrors(string body) =>
        Assert.Empty(RegistryErrors.ParseBody(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void ManifestUnknownByTagPointsAtTheTagList()
    {
        var error = RegistryErrors.Create(HttpStatusCode.NotFound, [new RegistryError { Code = "MANIFEST_UNKNOWN", Message = "manifest unknown" }], GetManifest);

        Assert.Equal("manifest for localhost:5000/app:1.0 not found: the tag does not exist; list tags with 'dotnet image tags localhost:5000/app'", error.Message);
        Assert.Equal("MANIFEST_UNKNOWN", error.ErrorCode);
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public void NotFoundWithoutABodyIsStillAnUnknownManifest()
    {
        var error = RegistryErrors.Create(HttpStatusCode.NotFound, [], GetManifest with { Reference = "sha256:" + new string('a', 64) });
        Assert.StartsWith($"manifest localhost:5000/app@sha256:{new string('a', 64)} not found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, "localhost:5000 requires authentication to get manifest localhost:5000/app:1.0 (authentication required): give credentials for localhost:5000 with 'dotnet image login localhost:5000'")]
    [InlineData(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "~/.docker/config.json", "credentials from ~/.docker/config.json were refused by localhost:5000 to get manifest localhost:5000/app:1.0 (authentication required): run 'dotnet image login localhost:5000'")]
    [InlineData(HttpStatusCode.Forbidden, "DENIED", null, "localhost:5000 denied access to localhost:5000/app:1.0 (requested access to the resource is denied): anonymous access may not get manifest; run 'dotnet image login localhost:5000'")]
    [InlineData(HttpStatusCode.Forbidden, "DENIED", "DOTNET_IMAGE_REGISTRY_USERNAME/PASSWORD", "localhost:5000 denied access to localhost:5000/app:1.0 (requested access to the resource is denied): the credentials from DOTNET_IMAGE_REGISTRY_USERNAME/PASSWORD lack permission to get manifest; run 'dotnet image login localhost:5000' as a user who has it")]
    [InlineData(HttpStatusCode.NotFound, "NAME_UNKNOWN", null, "repository localhost:5000/app not found: check the name, or push an image to it first")]
    public void CommonCodesNameTheFix(HttpStatusCode status, string code, string? credentialSource, string expected)
    {
        var message = code switch
        {
            "UNAUTHORIZED" => "authentication required",
            "DENIED" => "requested access to the resource is denied",
            _ => "repository name not known to registry",
        };
        Assert.Equal(expected, RegistryErrors.Create(status, [new RegistryError { Code = code, Message = message }], GetManifest, credentialSource: credentialSource).Message);
    }

    [Fact]
    public void RateLimitSaysWhenToRetry()
    {
        var error = RegistryErrors.Create(HttpStatusCode.TooManyRequests, [new RegistryError { Code = "TOOMANYREQUESTS", Message = "slow down" }], GetManifest, TimeSpan.FromSeconds(30));
        Assert.Equal("localhost:5000 is rate-limiting requests (slow down): retry in 30 s", error.Message);
    }

    [Fact]
    public void UnknownFailuresKeepStatusCodeAndTheRegistrysWordsOnOneLine()
    {
        var error = RegistryErrors.Create(
            HttpStatusCode.InternalServerError, [new RegistryError { Code = "UNKNOWN", Message = "disk\nfull" }], GetManifest with { Operation = "push manifest" });
        Assert.Equal("cannot push manifest localhost:5000/app:1.0: localhost:5000 answered 500 Internal Server Error UNKNOWN (disk full)", error.Message);
    }
}
