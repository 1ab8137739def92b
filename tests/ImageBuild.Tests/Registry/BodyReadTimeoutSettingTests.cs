using ImageBuild.Errors;
using ImageBuild.Registry;

namespace ImageBuild.Tests.Registry;

public sealed class BodyReadTimeoutSettingTests
{
    [Theory]
    [InlineData(null, 60)]
    [InlineData("", 60)]
    [InlineData("120", 120)]
    public void The_variable_sets_the_timeout_in_seconds(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RegistryTransportOptions.BodyReadTimeoutFrom(_ => value));

    [Fact]
    public void Zero_means_no_limit() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, RegistryTransportOptions.BodyReadTimeoutFrom(_ => "0"));

    [Theory]
    [InlineData("1m")]
    [InlineData("-5")]
    public void Anything_else_is_a_usage_error_naming_the_variable(string value)
    {
        var error = Assert.Throws<InvalidInputException>(() => RegistryTransportOptions.BodyReadTimeoutFrom(_ => value));

        Assert.StartsWith($"DOTNET_IMAGE_READ_TIMEOUT=\"{value}\" is not a whole number of seconds", error.Message);
    }
}
