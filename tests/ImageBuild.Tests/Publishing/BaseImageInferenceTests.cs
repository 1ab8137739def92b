using ImageBuild.Errors;
using ImageBuild.Publishing;

namespace ImageBuild.Tests.Publishing;

public sealed class BaseImageInferenceTests
{
    [Theory]
    [InlineData(false, false, false, "linux-x64", null, null, "mcr.microsoft.com/dotnet/runtime:10.0")]
    [InlineData(false, false, true, "linux-x64", null, null, "mcr.microsoft.com/dotnet/aspnet:10.0")]
    [InlineData(true, false, true, "linux-x64", null, null, "mcr.microsoft.com/dotnet/runtime-deps:10.0")]
    [InlineData(false, true, false, "linux-arm64", null, null, "mcr.microsoft.com/dotnet/runtime-deps:10.0")]
    [InlineData(false, false, false, "linux-musl-x64", null, null, "mcr.microsoft.com/dotnet/runtime:10.0-alpine")]
    [InlineData(false, false, true, "linux-x64", "noble-chiseled", null, "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled")]
    [InlineData(false, false, false, "linux-x64", null, "mirror.local:5000/", "mirror.local:5000/dotnet/runtime:10.0")]
    public void Infers_the_sdk_base(bool selfContained, bool aot, bool web, string rid, string? family, string? mirror, string expected) =>
        Assert.Equal(expected, BaseImageInference.Infer(new BaseImageFacts("v10.0", "10.0.12", selfContained, aot, web, [rid], family, mirror)));

    [Fact]
    public void A_preview_runtime_gets_the_preview_tag() =>
        Assert.Equal("11.0-preview", BaseImageInference.VersionTag("11.0", "11.0.0-preview.3.25171.5"));

    [Fact]
    public void Mixed_musl_and_glibc_rids_are_refused() =>
        Assert.Throws<InvalidInputException>(() => BaseImageInference.Infer(
            new BaseImageFacts("10.0", null, false, false, false, ["linux-x64", "linux-musl-arm64"], null, null)));
}
