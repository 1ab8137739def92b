using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Tests.PeerVectors;

/// <summary>go-digest's and Go path.Match's tables (peer-vectors/digest-vectors.jsonl, glob-vectors.jsonl).</summary>
public sealed class DigestAndGlobVectorTests
{
    private const string Digests = "digest-vectors.jsonl";
    private const string Globs = "glob-vectors.jsonl";

    public static TheoryData<string> DigestCases() => PeerVectorFile.Ids(Digests);

    public static TheoryData<string> GlobCases() => PeerVectorFile.Ids(Globs);

    [Theory]
    [MemberData(nameof(DigestCases))]
    public void Digests_parse_as_go_digest_does(string id)
    {
        var vector = PeerVectorFile.Case(Digests, id);
        var expect = vector.GetProperty("expect");

        var valid = Digest.TryParse(vector.Text("input"), out var digest);

        Assert.Equal(expect.GetProperty("valid").GetBoolean(), valid);
        if (valid)
        {
            Assert.Equal((expect.Text("algorithm"), expect.Text("encoded")), (digest.Algorithm, digest.Hex));
        }
    }

    [Theory]
    [MemberData(nameof(GlobCases))]
    public void Globs_match_as_path_match_does(string id)
    {
        var vector = PeerVectorFile.Case(Globs, id);
        var expect = vector.GetProperty("expect");

        var parsed = GlobPattern.TryParse(vector.Text("pattern")!, out var pattern, out _);

        if (expect.GetProperty("bad_pattern").GetBoolean())
        {
            Assert.False(parsed, "path.Match reports ErrBadPattern");
            return;
        }

        Assert.True(parsed);
        Assert.Equal(expect.GetProperty("matched").GetBoolean(), pattern!.IsMatch(vector.Text("input")!));
    }

    [Fact]
    public void Only_the_documented_cases_are_skipped()
    {
        Assert.True(PeerVectorFile.Read(Globs).Count >= 50);
        Assert.Equal(PeerVectorFile.Read(Globs).Count, GlobCases().Count);
        Assert.True(PeerVectorFile.Read(Digests).Count - DigestCases().Count <= 3, "more digest vectors are skipped than docs/docker-differences.md lists");
    }
}
