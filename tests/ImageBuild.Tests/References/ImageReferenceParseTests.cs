using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Tests.References;

public class ImageReferenceParseTests
{
    private const string Sha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Hex64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", null, null, "alpine")]
    [InlineData("alpine:3.20", "docker.io", "library/alpine", "3.20", null, "alpine:3.20")]
    [InlineData("ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", null, "ubuntu:22.04")]
    [InlineData("docker.io/alpine", "docker.io", "library/alpine", null, null, "alpine")]
    [InlineData("docker.io/library/alpine", "docker.io", "library/alpine", null, null, "alpine")]
    [InlineData("index.docker.io/library/alpine", "docker.io", "library/alpine", null, null, "alpine")]
    [InlineData("index.docker.io/user/app:1", "docker.io", "user/app", "1", null, "user/app:1")]
    [InlineData("docker.io/library/a/b", "docker.io", "library/a/b", null, null, "library/a/b")]
    [InlineData("registry-1.docker.io/library/alpine", "registry-1.docker.io", "library/alpine", null, null, "registry-1.docker.io/library/alpine")]
    [InlineData("a/b/c/d:e", "docker.io", "a/b/c/d", "e", null, "a/b/c/d:e")]
    [InlineData("localhost", "docker.io", "library/localhost", null, null, "localhost")]
    [InlineData("localhost:5000", "docker.io", "library/localhost", "5000", null, "localhost:5000")]
    [InlineData("localhost/x", "localhost", "x", null, null, "localhost/x")]
    [InlineData("localhost:5000/x", "localhost:5000", "x", null, null, "localhost:5000/x")]
    [InlineData("LOCALHOST/x", "LOCALHOST", "x", null, null, "LOCALHOST/x")]
    [InlineData("Registry.Example.COM:443/a", "Registry.Example.COM:443", "a", null, null, "Registry.Example.COM:443/a")]
    [InlineData("example.com:8080/a/b:c", "example.com:8080", "a/b", "c", null, "example.com:8080/a/b:c")]
    [InlineData("ghcr.io/owner/app:v1.2.3", "ghcr.io", "owner/app", "v1.2.3", null, "ghcr.io/owner/app:v1.2.3")]
    [InlineData("a:5000/b", "a:5000", "b", null, null, "a:5000/b")]
    [InlineData("a.b/c", "a.b", "c", null, null, "a.b/c")]
    [InlineData("foo.bar", "docker.io", "library/foo.bar", null, null, "foo.bar")]
    [InlineData("[::1]:5000/x", "[::1]:5000", "x", null, null, "[::1]:5000/x")]
    [InlineData("[::1]/x", "[::1]", "x", null, null, "[::1]/x")]
    [InlineData("127.0.0.1:5000/x", "127.0.0.1:5000", "x", null, null, "127.0.0.1:5000/x")]
    [InlineData("foo_bar", "docker.io", "library/foo_bar", null, null, "foo_bar")]
    [InlineData("foo__bar", "docker.io", "library/foo__bar", null, null, "foo__bar")]
    [InlineData("foo-bar", "docker.io", "library/foo-bar", null, null, "foo-bar")]
    [InlineData("foo--bar", "docker.io", "library/foo--bar", null, null, "foo--bar")]
    [InlineData("x:LATEST", "docker.io", "library/x", "LATEST", null, "x:LATEST")]
    [InlineData("x:_1", "docker.io", "library/x", "_1", null, "x:_1")]
    [InlineData("x@" + Sha256, "docker.io", "library/x", null, Sha256, "x@" + Sha256)]
    [InlineData("x:tag@" + Sha256, "docker.io", "library/x", "tag", Sha256, "x:tag@" + Sha256)]
    [InlineData("localhost:5000/a/b@" + Sha256, "localhost:5000", "a/b", null, Sha256, "localhost:5000/a/b@" + Sha256)]
    [InlineData("user/" + Hex64, "docker.io", "user/" + Hex64, null, null, "user/" + Hex64)]
    [InlineData("docker.io/a.b/c", "docker.io", "a.b/c", null, null, "docker.io/a.b/c")]
    [InlineData("docker.io/localhost/c", "docker.io", "localhost/c", null, null, "docker.io/localhost/c")]
    public void Parses_and_normalizes(string text, string registry, string repository, string? tag, string? digest, string familiar)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
        Assert.Equal(familiar, reference.FamiliarString);
        var suffix = (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
        Assert.Equal($"{registry}/{repository}{suffix}", reference.ToString());
    }

    [Fact]
    public void Limits_are_inclusive()
    {
        var tag128 = "t" + new string('1', 127);
        Assert.Equal(tag128, ImageReference.Parse("x:" + tag128).Tag);

        var name255 = "example.com/" + new string('a', 255 - "example.com/".Length);
        Assert.Equal(name255, ImageReference.Parse(name255).Name);

        var sha512 = "sha512:" + new string('0', 128);
        Assert.Equal(sha512, ImageReference.Parse("x@" + sha512).Digest.ToString());
    }

    [Theory]
    [InlineData("", "reference is empty")]
    [InlineData("Alpine", "repository name must be lowercase: 'A' at position 1 (use \"alpine\")")]
    [InlineData("ALPINE:latest", "repository name must be lowercase")]
    [InlineData("library/Alpine", "repository name must be lowercase: 'A' at position 9")]
    [InlineData("a/B", "repository name must be lowercase")]
    [InlineData("foo___bar", "invalid separator \"___\" at position 4")]
    [InlineData("foo._bar", "invalid separator \"._\" at position 4")]
    [InlineData("foo-_bar", "invalid separator \"-_\"")]
    [InlineData("-foo", "path component \"-foo\" must start with a lower-case letter or digit")]
    [InlineData("_foo", "must start with a lower-case letter or digit")]
    [InlineData("foo.", "path component \"foo.\" must end with a lower-case letter or digit")]
    [InlineData("a/foo-", "must end with a lower-case letter or digit")]
    [InlineData(Hex64, "cannot use a 64-character hex string as a repository name (it reads as an image ID)")]
    [InlineData("x:", "tag is empty")]
    [InlineData(":tag", "repository name is missing before ':'")]
    [InlineData("@" + Sha256, "repository name is missing before '@'")]
    [InlineData("a@", "digest is empty")]
    [InlineData("a@sha256:12", "sha256 needs 64 hex characters, got 2")]
    [InlineData("a@md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported algorithm \"md5\"")]
    [InlineData("a@SHA256:" + Hex64, "unsupported algorithm \"SHA256\"")]
    [InlineData("a@sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "is not a lower-case hex character")]
    [InlineData("a@b@c", "invalid digest")]
    [InlineData("a//b", "empty path component ('//' at position 2)")]
    [InlineData("a/", "name must not end with '/'")]
    [InlineData("/a", "name must not start with '/'")]
    [InlineData("localhost/", "name must not end with '/'")]
    [InlineData("x:.tag", "tag \".tag\" must start with a letter, digit or '_'")]
    [InlineData("x:-tag", "must start with a letter, digit or '_'")]
    [InlineData("x:ta+g", "invalid character '+' at position 5 in tag \"ta+g\"")]
    [InlineData("x:1.0/b", "invalid character '.' at position 4 in registry port \"1.0\"")]
    [InlineData("a/b:c/d", "invalid character ':' at position 4 in path component \"b:c\"")]
    [InlineData("fo%o", "invalid character '%' at position 3 in path component \"fo%o\"")]
    [InlineData("a b", "invalid character U+0020 at position 2")]
    [InlineData("alpine:3.20 ", "invalid character U+0020 at position 12 in tag")]
    [InlineData("caf\u00e9", "invalid character '\u00e9' at position 4")]
    [InlineData("a:b/c", "invalid character 'b' at position 3 in registry port \"b\"")]
    [InlineData("example.com:/a", "ends with ':' but has no port number")]
    [InlineData("::1/x", "write an IPv6 address in brackets")]
    [InlineData("[::1/x", "opens an IPv6 address with '[' but never closes it")]
    [InlineData("[::g]:5000/x", "invalid character 'g' at position 4 in IPv6 registry address")]
    [InlineData("[]:5000/x", "empty IPv6 address")]
    [InlineData("[::1]x/y", "only ':port' may follow an IPv6 address")]
    [InlineData("-example.com/x", "must not start or end with '-'")]
    [InlineData("example..com/x", "empty name part at position 9")]
    [InlineData("exa_mple.com/x", "invalid character '_' at position 4 in registry")]
    public void Rejects_with_a_message_naming_the_problem(string text, string expected)
    {
        var exception = Assert.Throws<InvalidInputException>(() => ImageReference.Parse(text));

        Assert.StartsWith($"invalid reference \"{text}\": ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.False(ImageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Equal(exception.Message, error);
    }

    [Fact]
    public void Rejects_a_tag_over_128_characters_and_says_how_long_it_is()
    {
        var text = "x:" + new string('t', 129);

        var exception = Assert.Throws<InvalidInputException>(() => ImageReference.Parse(text));

        Assert.Contains("tag is 129 characters long; the limit is 128", exception.Message);
    }

    [Theory]
    [InlineData("example.com/", 256, 256)]
    [InlineData("", 248, 256)]
    public void Rejects_a_repository_path_over_255_characters_and_says_how_long_it_is(string registry, int nameLength, int pathLength)
    {
        var exception = Assert.Throws<InvalidInputException>(() => ImageReference.Parse(registry + new string('a', nameLength)));

        Assert.Contains($"repository name is {pathLength} characters long; the limit is 255", exception.Message);
    }

    [Theory]
    [InlineData("docker.io/" + Hex64)]
    [InlineData(Hex64 + ":latest")]
    [InlineData("example.com/a")]
    public void Accepts_what_distribution_reference_accepts_now(string text)
    {
        // Only a bare 64-hex string reads as an image ID, and only the path counts towards 255 characters.
        var path = new string('a', 255);

        Assert.True(ImageReference.TryParse(text, out _));
        Assert.Equal(path, ImageReference.Parse("registry.example.com:5000/" + path).Repository);
    }

    [Fact]
    public void Control_characters_are_escaped_so_the_message_stays_on_one_line()
    {
        var exception = Assert.Throws<InvalidInputException>(() => ImageReference.Parse("x:tag\n"));

        Assert.DoesNotContain('\n', exception.Message);
        Assert.Contains("\"x:tag\\u000A\"", exception.Message);
        Assert.Contains("U+000A at position 6", exception.Message);
    }
}
