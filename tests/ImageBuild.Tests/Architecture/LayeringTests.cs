using System.Reflection;
using ImageBuild.Store;
using NetArchTest.Rules;

namespace ImageBuild.Tests.Architecture;

/// <summary>
/// The floors of docs/architecture.md, checked on the compiled assemblies: a namespace of the library may use only
/// namespaces on lower floors (and its own); the storage kinds on one floor never use each other; the library knows
/// nothing of its front ends or their frameworks; the front ends know nothing of each other. A new top-level
/// namespace fails here until it is given a floor, so the map in the doc and this table cannot drift apart silently.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Each library namespace (below <c>ImageBuild.</c>) and its floor, as docs/architecture.md draws them.</summary>
    private static readonly IReadOnlyDictionary<string, int> Floors = new Dictionary<string, int>
    {
        // The exception types every floor throws sit below them all.
        ["Errors"] = -1,
        ["IO"] = 0,
        ["Oci"] = 0,
        ["References"] = 1,
        ["Layers"] = 1,
        ["Content"] = 1,
        ["Store"] = 2,
        ["Archives"] = 2,
        ["Registry"] = 2,
        ["Sbom"] = 2,
        ["Daemon"] = 2,
        ["Transfers"] = 3,
        ["Building"] = 4,
        // A .NET project's publish as an image: its request, plan, outputs and coded errors.
        ["Publishing"] = 5,
    };

    private static readonly Assembly Library = typeof(ImageStore).Assembly;

    public static TheoryData<string> Namespaces() => new(Floors.Keys);

    [Fact]
    public void Every_library_namespace_has_a_floor()
    {
        var unplaced = Library.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("ImageBuild.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1])
            .Distinct()
            .Where(n => !Floors.ContainsKey(n))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unplaced.Count == 0, $"give these namespaces a floor in docs/architecture.md and in {nameof(LayeringTests)}: {string.Join(", ", unplaced)}");
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void A_namespace_uses_only_lower_floors_and_never_a_sibling(string name)
    {
        var forbidden = Floors.Where(f => f.Key != name && f.Value >= Floors[name]).Select(f => "ImageBuild." + f.Key).ToArray();

        var result = Types.InAssembly(Library)
            .That().ResideInNamespace("ImageBuild." + name)
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"ImageBuild.{name} (floor {Floors[name]}) uses a namespace on its own floor or above: {Offenders(result)}");
    }

    [Fact]
    public void The_library_knows_nothing_of_its_front_ends_or_their_frameworks()
    {
        var result = Types.InAssembly(Library)
            .ShouldNot().HaveDependencyOnAny("ImageBuild.Cli", "ImageBuild.Tasks", "System.CommandLine", "Spectre.Console", "Microsoft.Build")
            .GetResult();

        Assert.True(result.IsSuccessful, $"the library uses a front end: {Offenders(result)}");
    }

    [Fact]
    public void The_template_language_and_the_library_do_not_reference_each_other()
    {
        var templates = Assembly.Load("ImageBuild.Templates");

        Assert.DoesNotContain(templates.GetReferencedAssemblies(), r => r.Name!.StartsWith("ImageBuild", StringComparison.Ordinal) || r.Name == "dotnet-image");
        Assert.DoesNotContain(Library.GetReferencedAssemblies(), r => r.Name == templates.GetName().Name);
    }

    [Theory]
    [InlineData("ImageBuild.Cli", "ImageBuild.Tasks")]
    [InlineData("ImageBuild.Tasks", "ImageBuild.Cli")]
    public void A_front_end_does_not_reference_the_other(string frontEnd, string other)
    {
        var assembly = Assembly.Load(frontEnd == "ImageBuild.Cli" ? "dotnet-image" : frontEnd);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name == other || (other == "ImageBuild.Cli" && r.Name == "dotnet-image"));
    }

    private static string Offenders(TestResult result) =>
        string.Join(", ", result.FailingTypeNames ?? []);
}
