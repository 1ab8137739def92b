using System.Text.Json;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.PeerVectors;

/// <summary>containerd/platforms' tables (peer-vectors/platform-vectors.jsonl): Parse, its formatting and matching.</summary>
public sealed class PlatformVectorTests
{
    private const string File = "platform-vectors.jsonl";

    public static TheoryData<string> Cases() => PeerVectorFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_as_containerd_does(string id)
    {
        var vector = PeerVectorFile.Case(File, id);
        var expect = vector.GetProperty("expect");
        var input = vector.Text("input")!;
        if (!expect.GetProperty("valid").GetBoolean())
        {
            Assert.Throws<InvalidInputException>(() => Platform.Parse(input));
            return;
        }

        var platform = Platform.Parse(input);
        AssertField(expect, "os", platform.Os);
        AssertField(expect, "architecture", platform.Architecture);
        AssertField(expect, "variant", platform.Variant ?? string.Empty);
        AssertField(expect, "os_version", platform.OsVersion ?? string.Empty);
        if (expect.TryGetProperty("os_features", out var features))
        {
            Assert.Equal(features.EnumerateArray().Select(f => f.GetString()), platform.OsFeatures ?? []);
        }

        if (expect.Text("formatted") is { } formatted)
        {
            Assert.Equal(formatted, platform.ToString());
        }

        foreach (var candidate in expect.TryGetProperty("matches", out var matches) ? matches.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var other = new Platform { Os = candidate.Text("os")!, Architecture = candidate.Text("architecture")!, Variant = candidate.Text("variant") is { Length: > 0 } v ? v : null };
            Assert.True(platform.IsSatisfiedBy(other), $"{input} should match {other}");
        }
    }

    [Fact]
    public void The_vectors_are_all_run()
    {
        Assert.True(PeerVectorFile.Read(File).Count >= 40);
        Assert.Equal(PeerVectorFile.Read(File).Count, Cases().Count);
    }

    private static void AssertField(JsonElement expect, string name, string actual)
    {
        if (expect.Text(name) is { } wanted)
        {
            Assert.Equal(wanted, actual);
        }
    }
}
