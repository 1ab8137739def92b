using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Layers;

public sealed class LayerOptionsTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("1700000000", 1_700_000_000)]
    [InlineData(" 86400\n", 86_400)]
    public void Source_date_epoch_sets_the_timestamp(string? value, long seconds)
    {
        var options = LayerOptions.FromSourceDateEpoch(value);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), options.Timestamp);
        Assert.Equal(LayerCompression.Gzip, options.Compression);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void Invalid_source_date_epoch_is_refused(string value)
    {
        var error = Assert.Throws<InvalidInputException>(() => LayerOptions.FromSourceDateEpoch(value));

        Assert.Contains("SOURCE_DATE_EPOCH", error.Message);
    }
}
