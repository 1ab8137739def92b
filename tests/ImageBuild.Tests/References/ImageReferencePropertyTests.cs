using CsCheck;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Tests.References;

public class ImageReferencePropertyTests
{
    private const string MutationAlphabet = "aZf09._-/:@[]% A\u00e9";
    private const string ForbiddenInNames = "%$!#&*()=+,;\"'\\|<>?~`\u00e9 \t\n";

    [Fact]
    public void Valid_references_parse_into_their_generated_parts()
    {
        ReferenceGenerators.Reference.Sample(generated =>
        {
            var reference = ImageReference.Parse(generated.Text);

            var registry = generated.Registry is null or "index.docker.io" ? "docker.io" : generated.Registry;
            var repository = string.Join('/', generated.Path);
            if (registry == "docker.io" && generated.Path.Count == 1)
            {
                repository = "library/" + repository;
            }

            Assert.Equal(registry, reference.Registry);
            Assert.Equal(repository, reference.Repository);
            Assert.Equal(generated.Tag, reference.Tag);
            Assert.Equal(generated.Digest, reference.Digest);
        }, iter: 2000);
    }

    [Fact]
    public void Full_and_familiar_strings_parse_back_to_the_same_reference()
    {
        ReferenceGenerators.Reference.Sample(generated =>
        {
            var reference = ImageReference.Parse(generated.Text);

            Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
            Assert.Equal(reference, ImageReference.Parse(reference.FamiliarString));
            Assert.Equal(reference.WithoutTagOrDigest(), ImageReference.Parse(reference.FamiliarName));
            Assert.Equal(reference.Name, ImageReference.Parse(reference.FamiliarName).Name);
            Assert.EndsWith(reference.FamiliarString, reference.ToString(), StringComparison.Ordinal);
        }, iter: 2000);
    }

    [Fact]
    public void Default_tag_is_added_only_when_there_is_neither_tag_nor_digest()
    {
        ReferenceGenerators.Reference.Sample(generated =>
        {
            var reference = ImageReference.Parse(generated.Text);
            var normalized = ImageReference.ParseNormalized(generated.Text);

            var expectedTag = generated.Tag ?? (generated.Digest is null ? ImageReference.DefaultTag : null);
            Assert.Equal(expectedTag, normalized.Tag);
            Assert.Equal(reference.Digest, normalized.Digest);
            Assert.Equal(normalized, normalized.WithDefaultTag());
        }, iter: 500);
    }

    [Fact]
    public void Mutated_references_are_accepted_exactly_when_the_distribution_grammar_accepts_them()
    {
        var mutation = Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Char[MutationAlphabet]);
        var mutated = Gen.Select(ReferenceGenerators.Reference, mutation.Array[1, 3],
            (generated, edits) => edits.Aggregate(generated.Text, Mutate));

        var acceptedCount = 0;
        var rejectedCount = 0;
        mutated.Sample(text =>
        {
            var expected = DistributionReferenceOracle.Parse(text);
            var accepted = ImageReference.TryParse(text, out var reference, out var error);
            Interlocked.Increment(ref accepted ? ref acceptedCount : ref rejectedCount);

            Assert.True(expected is not null == accepted, $"oracle {(expected is null ? "rejects" : "accepts")}, parser says: {error}");
            if (expected is null)
            {
                Assert.StartsWith("invalid reference \"", error, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', error);
                return;
            }

            Assert.Equal(expected.Registry, reference!.Registry);
            Assert.Equal(expected.Repository, reference.Repository);
            Assert.Equal(expected.Tag, reference.Tag);
            Assert.Equal(expected.Digest, reference.Digest?.ToString());
        }, iter: 5000);

        // The comparison only means something if both outcomes were exercised often.
        Assert.True(acceptedCount > 500 && rejectedCount > 500, $"accepted {acceptedCount}, rejected {rejectedCount}");
    }

    [Fact]
    public void A_forbidden_character_in_the_name_or_tag_is_rejected_with_its_position()
    {
        var corrupted = Gen.Select(
            ReferenceGenerators.Reference.Where(generated => generated.Registry?.StartsWith('[') != true),
            Gen.Double[0, 1],
            Gen.Char[ForbiddenInNames],
            (generated, where, bad) =>
            {
                // Only letters, digits, '_' and '-' are replaced, so the reference keeps its structure and the
                // bad character is the first problem in its part.
                var text = generated.Text;
                var end = text.IndexOf('@') is var at and >= 0 ? at : text.Length;
                var candidates = Enumerable.Range(0, end).Where(i => char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-').ToArray();
                var position = candidates[(int)(where * (candidates.Length - 1))];
                return (Text: text[..position] + bad + text[(position + 1)..], Position: position + 1, Bad: bad);
            });

        corrupted.Sample(sample =>
        {
            var exception = Assert.Throws<InvalidInputException>(() => ImageReference.Parse(sample.Text));

            var described = char.IsControl(sample.Bad) || char.IsWhiteSpace(sample.Bad) ? $"U+{(int)sample.Bad:X4}" : $"'{sample.Bad}'";
            Assert.Contains($"invalid character {described} at position {sample.Position}", exception.Message);
            Assert.DoesNotContain('\n', exception.Message);
        }, iter: 2000);
    }

    private static string Mutate(string text, (int Kind, double Where, char Character) edit)
    {
        var position = (int)(edit.Where * text.Length);
        return edit.Kind switch
        {
            0 => text.Insert(position, edit.Character.ToString()),
            1 when text.Length > 0 => text.Remove(Math.Min(position, text.Length - 1), 1),
            _ when text.Length > 0 => text[..Math.Min(position, text.Length - 1)] + edit.Character +
                text[(Math.Min(position, text.Length - 1) + 1)..],
            _ => edit.Character.ToString(),
        };
    }
}
