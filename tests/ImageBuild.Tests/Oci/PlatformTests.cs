using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64/v8")]
    [InlineData("linux/arm/v7")]
    [InlineData("windows/amd64:10.0.20348")]
    [InlineData("windows/arm64/v8:10.0.26100.1")]
    public void PrintsWhatItParsed(string text)
    {
        Assert.Equal(text, Platform.Parse(text).ToString());
    }

    [Fact]
    public void ParsesEveryPart()
    {
        var arm = Platform.Parse("linux/arm64/v8");
        Assert.Equal(("linux", "arm64", "v8", null), (arm.Os, arm.Architecture, arm.Variant, arm.OsVersion));

        var windows = Platform.Parse("windows/amd64:10.0.20348");
        Assert.Equal(("windows", "amd64", null, "10.0.20348"), (windows.Os, windows.Architecture, windows.Variant, windows.OsVersion));
    }

    [Theory]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/x86-64", "linux/amd64")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("linux/aarch64/8", "linux/arm64/v8")]
    [InlineData("linux/armhf", "linux/arm")]
    [InlineData("linux/i386", "linux/386")]
    [InlineData("armel", "linux/arm/v6")]
    [InlineData("Linux/AMD64", "linux/amd64")]
    [InlineData("macos/arm64", "darwin/arm64")]
    public void NormalizesArchitectureAndOsAliases(string alias, string canonical)
    {
        Assert.Equal(canonical, Platform.Parse(alias).ToString());
    }

    [Theory]
    [InlineData("linux/arm64", "linux/arm64/v8")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/aarch64", "linux/arm64/v8")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/amd64", "linux/amd64/v1")]
    [InlineData("windows/amd64", "windows/amd64:10.0.20348")]
    [InlineData("windows/amd64:10.0.20348", "windows/amd64:10.0.20348")]
    public void Matches(string wanted, string candidate)
    {
        Assert.True(Platform.Parse(wanted).IsSatisfiedBy(Platform.Parse(candidate)));
    }

    [Theory]
    [InlineData("linux/amd64", "linux/arm64")]
    [InlineData("linux/amd64", "windows/amd64")]
    [InlineData("linux/arm/v7", "linux/arm/v6")]
    [InlineData("linux/arm64/v8", "linux/arm64/v9")]
    [InlineData("linux/amd64/v3", "linux/amd64")]
    [InlineData("windows/amd64:10.0.20348", "windows/amd64:10.0.17763")]
    [InlineData("windows/amd64:10.0.20348", "windows/amd64")]
    public void DoesNotMatch(string wanted, string candidate)
    {
        Assert.False(Platform.Parse(wanted).IsSatisfiedBy(Platform.Parse(candidate)));
    }

    [Theory]
    [InlineData("", "platform is empty")]
    [InlineData("vax", "unknown operating system or architecture")]
    [InlineData("linux/", "a part is empty")]
    [InlineData("linux/arm64/v8/extra", "expected os/arch[/variant]")]
    [InlineData("linux/amd64:", "empty os.version")]
    [InlineData("linux/am d64", "\"am d64\" may only hold")]
    public void RejectsMalformedPlatforms(string text, string expectedMessagePart)
    {
        var error = Assert.Throws<InvalidInputException>(() => Platform.Parse(text));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigExposesItsPlatform()
    {
        var config = OciSamples.Config() with { Architecture = "arm64", Variant = "v8" };

        Assert.Equal("linux/arm64/v8", config.Platform.ToString());
    }
}
