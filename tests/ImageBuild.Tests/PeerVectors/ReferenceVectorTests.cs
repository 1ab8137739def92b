using System.Text.Json;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Tests.PeerVectors;

/// <summary>
/// distribution/reference's tables (peer-vectors/reference-vectors.jsonl), through the project's normalized parser:
/// each case's "derived" note says how the peer's API maps onto <see cref="ImageReference"/>.
/// </summary>
public sealed class ReferenceVectorTests
{
    private const string File = "reference-vectors.jsonl";

    public static TheoryData<string> Cases() => PeerVectorFile.Ids(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_as_distribution_reference(string id)
    {
        var vector = PeerVectorFile.Case(File, id);
        var expect = vector.GetProperty("expect");
        var input = vector.Text("input")!;
        switch (vector.Text("kind"))
        {
            case "parse":
                var parsed = ImageReference.TryParse(input, out var reference);
                AssertValid(expect, parsed, input);
                if (parsed)
                {
                    AssertFields(expect, reference!);
                }

                break;
            case "name_only":
                var nameOnly = ImageReference.TryParse(input, out var name) && name.Tag is null && name.Digest is null;
                AssertValid(expect, nameOnly, input);
                if (nameOnly)
                {
                    AssertFields(expect, name!);
                }

                break;
            case "canonical":
                var canonical = ImageReference.TryParse(input, out var named) && named.ToString() == input;
                AssertValid(expect, canonical, input);
                if (canonical)
                {
                    AssertFields(expect, named!);
                }

                break;
            case "with_tag":
                var tag = vector.Text("tag")!;
                var base0 = ImageReference.Parse(input);
                if (expect.TryGetProperty("valid", out var validTag) && !validTag.GetBoolean())
                {
                    Assert.Throws<InvalidInputException>(() => base0.WithTag(tag));
                }
                else
                {
                    Assert.Equal(expect.Text("familiar_string"), base0.WithTag(tag).FamiliarString);
                }

                break;
            case "digest":
                Assert.False(Digest.TryParse(input, out _));
                break;
            case "match_error":
                Assert.False(GlobPattern.TryParse(vector.Text("pattern")!, out _, out _));
                break;
            case "match":
                Assert.Equal(expect.GetProperty("matched").GetBoolean(), ReferenceFilter.Matches(vector.Text("pattern")!, ImageReference.Parse(input)));
                break;
            case "docker_ref":
                Assert.Equal(expect.Text("string"), ImageReference.ParseDockerReference(input).ToString());
                break;
            default:
                Assert.Fail($"unknown kind {vector.Text("kind")}");
                break;
        }
    }

    [Fact]
    public void Only_the_documented_cases_are_skipped()
    {
        var all = PeerVectorFile.Read(File);
        Assert.True(all.Count >= 350);
        Assert.True(all.Count - Cases().Count <= 8, "more reference vectors are skipped than docs/docker-differences.md lists");
    }

    private static void AssertValid(JsonElement expect, bool actual, string input)
    {
        if (expect.TryGetProperty("valid", out var valid))
        {
            Assert.True(valid.GetBoolean() == actual, $"\"{input}\" should be {(valid.GetBoolean() ? "valid" : "invalid")}");
        }
    }

    private static void AssertFields(JsonElement expect, ImageReference reference)
    {
        Check(expect, "name", reference.Name);
        Check(expect, "registry", reference.Registry);
        Check(expect, "repository", reference.Repository);
        Check(expect, "tag", reference.Tag);
        Check(expect, "digest", reference.Digest?.ToString());
        Check(expect, "familiar_string", reference.FamiliarString);
        Check(expect, "familiar_name", reference.FamiliarName);
        Check(expect, "string", reference.ToString());
    }

    private static void Check(JsonElement expect, string property, string? actual)
    {
        if (expect.TryGetProperty(property, out var wanted))
        {
            Assert.Equal(wanted.ValueKind == JsonValueKind.Null ? null : wanted.GetString(), actual);
        }
    }
}
