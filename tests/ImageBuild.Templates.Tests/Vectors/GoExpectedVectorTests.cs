using ImageBuild.Templates.Functions;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Tests.Vectors;

/// <summary>
/// Every template vector whose peer gives its own answer: the engine must print exactly that, or fail where the peer
/// fails. Vectors with a note (answers from an older Go) and all the others are checked against a real docker CLI by
/// the integration tests.
/// </summary>
public sealed class GoExpectedVectorTests
{
    /// <summary>
    /// What the answers assume of the vectors' image: an OS, three environment variables and four layers (the
    /// integration tests build that image for docker and the store alike).
    /// </summary>
    private static readonly GoValue Data = Map(
        ("Os", GoValue.Of("linux")),
        ("Config", Map(("Env", GoValue.Of(["PATH=/usr/bin", "A=b c", "EMPTY="])), ("Labels", Map()))),
        ("RootFS", Map(("Type", GoValue.Of("layers")), ("Layers", GoValue.Of(["sha256:1", "sha256:2", "sha256:3", "sha256:4"])))));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var vector in TemplateVector.Load().Where(v => v.GoExpected is not null && v.Note is null))
        {
            data.Add(vector.Id);
        }

        return data;
    }

    [Fact]
    public void The_shared_vectors_hold_answers_to_check()
    {
        var vectors = TemplateVector.Load();

        Assert.True(vectors.Count >= 490, $"only {vectors.Count} template vectors were read");
        Assert.True(vectors.Count(v => v.GoExpected is not null && v.Note is null) >= 200);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_peers_answer_is_reproduced(string id)
    {
        var vector = TemplateVector.Load().Single(v => v.Id == id);
        string actual;
        try
        {
            actual = GoTemplate.Parse(vector.Template, DockerFunctions.Standard).Execute(Data);
        }
        catch (TemplateException ex)
        {
            Assert.True(vector.GoExpected == TemplateVector.ErrorAnswer, $"{vector}: expected {vector.GoExpected}, failed with {ex.Message}");
            return;
        }

        Assert.Equal(vector.GoExpected, actual);
    }

    private static GoValue Map(params (string Key, GoValue Value)[] entries) =>
        GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.EmptyInterface), entries.Select(e => new KeyValuePair<string, GoValue>(e.Key, GoInterface.Any(e.Value))));
}
