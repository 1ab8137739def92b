using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Tests.References;

public class ImageReferenceTests
{
    private static readonly Digest SomeDigest = Digest.Compute("layer"u8);

    [Theory]
    [InlineData("localhost/x", true)]
    [InlineData("localhost:5000/x", true)]
    [InlineData("LOCALHOST:5000/x", true)]
    [InlineData("127.0.0.1/x", true)]
    [InlineData("127.0.0.1:5000/x", true)]
    [InlineData("127.255.10.254:80/x", true)]
    [InlineData("[::1]/x", true)]
    [InlineData("[::1]:5000/x", true)]
    [InlineData("[0:0:0:0:0:0:0:1]:5000/x", true)]
    [InlineData("alpine", false)]
    [InlineData("localhost", false)]
    [InlineData("128.0.0.1:5000/x", false)]
    [InlineData("10.0.0.1:5000/x", false)]
    [InlineData("127.0.0.1.nip.io/x", false)]
    [InlineData("127.0.0.256/x", false)]
    [InlineData("127.1:5000/x", false)]
    [InlineData("localhost.example.com/x", false)]
    [InlineData("[::2]:5000/x", false)]
    [InlineData("ghcr.io/a/b", false)]
    public void Knows_which_registries_are_loopback(string text, bool loopback)
    {
        Assert.Equal(loopback, ImageReference.Parse(text).IsLoopbackRegistry);
    }

    [Theory]
    [InlineData("alpine", "registry-1.docker.io")]
    [InlineData("index.docker.io/user/app", "registry-1.docker.io")]
    [InlineData("ghcr.io/a/b", "ghcr.io")]
    [InlineData("localhost:5000/a", "localhost:5000")]
    [InlineData("registry-1.docker.io/library/alpine", "registry-1.docker.io")]
    public void Registry_host_is_where_the_registry_api_is_served(string text, string host)
    {
        Assert.Equal(host, ImageReference.Parse(text).RegistryHost);
    }

    [Fact]
    public void Familiar_and_full_spellings_of_the_same_reference_are_equal()
    {
        Assert.Equal(ImageReference.Parse("alpine"), ImageReference.Parse("docker.io/library/alpine"));
        Assert.Equal(ImageReference.Parse("user/app:1"), ImageReference.Parse("index.docker.io/user/app:1"));
        Assert.NotEqual(ImageReference.Parse("alpine"), ImageReference.Parse("alpine:latest"));
        Assert.Equal(ImageReference.ParseNormalized("alpine"), ImageReference.Parse("alpine:latest"));
    }

    [Fact]
    public void Name_excludes_tag_and_digest()
    {
        var reference = ImageReference.Parse($"ghcr.io/o/app:1@{SomeDigest}");

        Assert.Equal("ghcr.io/o/app", reference.Name);
        Assert.Equal("ghcr.io/o/app", reference.FamiliarName);
        Assert.Equal($"ghcr.io/o/app:1@{SomeDigest}", reference.FamiliarString);
    }

    [Fact]
    public void Default_tag_is_not_added_to_a_digest_reference()
    {
        var byDigest = ImageReference.ParseNormalized($"alpine@{SomeDigest}");

        Assert.Null(byDigest.Tag);
        Assert.Equal(SomeDigest, byDigest.Digest);
        Assert.Same(byDigest, byDigest.WithDefaultTag());
    }

    [Fact]
    public void With_methods_return_new_values_and_leave_the_original_alone()
    {
        var original = ImageReference.Parse("localhost:5000/a/b:1");

        var retagged = original.WithTag("2");
        var pinned = original.WithDigest(SomeDigest);

        Assert.Equal("localhost:5000/a/b:1", original.ToString());
        Assert.Equal("localhost:5000/a/b:2", retagged.ToString());
        Assert.Equal($"localhost:5000/a/b:1@{SomeDigest}", pinned.ToString());
        Assert.Equal($"localhost:5000/a/b@{SomeDigest}", pinned.WithoutTag().ToString());
        Assert.Equal("localhost:5000/a/b:1", pinned.WithoutDigest().ToString());
        Assert.Equal("localhost:5000/a/b", pinned.WithoutTagOrDigest().ToString());
        Assert.Equal(pinned, ImageReference.Parse(pinned.ToString()));
    }

    [Theory]
    [InlineData("app", "docker.io/library/app:latest", "latest")]
    [InlineData("app:1", "docker.io/library/app:1", "1")]
    [InlineData("app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker.io/library/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_digest_wins_over_a_tag_and_neither_means_latest(string text, string addressed, string tagOrDigest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(addressed, reference.ByDigestOrTag().ToString());
        Assert.Equal(tagOrDigest, reference.TagOrDigest);
    }

    [Theory]
    [InlineData("", "tag is empty")]
    [InlineData("-x", "must start with a letter, digit or '_'")]
    [InlineData("a/b", "invalid character '/' at position 2 in tag \"a/b\"")]
    public void With_tag_rejects_an_invalid_tag(string tag, string expected)
    {
        var reference = ImageReference.Parse("alpine");

        var exception = Assert.Throws<InvalidInputException>(() => reference.WithTag(tag));

        Assert.StartsWith("cannot tag alpine as ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_tag_rejects_a_tag_over_128_characters()
    {
        var reference = ImageReference.Parse("alpine");

        Assert.Equal(128, reference.WithTag(new string('v', 128)).Tag!.Length);
        Assert.Throws<InvalidInputException>(() => reference.WithTag(new string('v', 129)));
    }
}
