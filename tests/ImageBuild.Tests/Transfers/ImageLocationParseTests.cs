using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Transfers;

public sealed class ImageLocationParseTests
{
    [Theory]
    [InlineData("alpine", "docker.io/library/alpine")]
    [InlineData("docker://localhost:5000/app:1.0", "localhost:5000/app:1.0")]
    [InlineData("127.0.0.1:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "127.0.0.1:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_plain_or_docker_reference_is_a_registry_location(string text, string expected)
    {
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse(text));
        Assert.Equal(expected, location.Reference.ToString());
    }

    [Theory]
    [InlineData("oci:/tmp/layout", "/tmp/layout", null)]
    [InlineData("oci:/tmp/layout:1.0", "/tmp/layout", "1.0")]
    [InlineData("oci:layout:localhost:5000/app:1.0", "layout", "localhost:5000/app:1.0")]
    [InlineData("oci:/tmp/layout:", "/tmp/layout", null)]
    public void An_oci_location_splits_at_the_first_colon(string text, string path, string? reference)
    {
        var location = Assert.IsType<OciLayoutLocation>(ImageLocation.Parse(text));
        Assert.Equal(path, location.Path);
        Assert.Equal(reference, location.Reference);
    }

    [Theory]
    [InlineData("oci-archive:/tmp/a.tar:v1", ArchiveFormat.Oci, "/tmp/a.tar", "v1")]
    [InlineData("docker-archive:/tmp/d.tar", ArchiveFormat.Docker, "/tmp/d.tar", null)]
    [InlineData("docker-archive:d.tar:app:2", ArchiveFormat.Docker, "d.tar", "app:2")]
    public void Archive_locations_keep_their_format(string text, ArchiveFormat format, string path, string? reference)
    {
        var location = Assert.IsType<ArchiveLocation>(ImageLocation.Parse(text));
        Assert.Equal(format, location.Format);
        Assert.Equal(path, location.Path);
        Assert.Equal(reference, location.Reference);
    }

    [Fact]
    public void A_store_location_keeps_the_text_for_the_resolver()
    {
        Assert.Equal("alpine:3.20", Assert.IsType<StoreLocation>(ImageLocation.Parse("store:alpine:3.20")).Reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("oci:")]
    [InlineData("oci::tag")]
    [InlineData("store:")]
    [InlineData("Upper/Case")]
    public void Malformed_locations_are_input_errors(string text)
    {
        Assert.Throws<InvalidInputException>(() => ImageLocation.Parse(text));
    }

    [Fact]
    public void A_location_prints_back_as_parsed()
    {
        foreach (var text in new[] { "oci:/tmp/l:1", "oci-archive:/tmp/a.tar:v1", "docker-archive:/tmp/d.tar", "store:alpine" })
        {
            Assert.Equal(text, ImageLocation.Parse(text).ToString());
        }
    }
}
