using System.Reflection;
using System.Xml.Linq;
using ImageBuild.Store;

namespace ImageBuild.Tests.Architecture;

/// <summary>
/// The library's public surface as a product: every public type says what it is in a doc comment (read from the
/// XML documentation file the build writes), and every public async operation takes its CancellationToken last and
/// optional, so callers can always cancel and never have to.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Library = typeof(ImageStore).Assembly;

    [Fact]
    public void Every_public_type_of_the_library_has_a_doc_comment()
    {
        var documentation = Path.ChangeExtension(Library.Location, ".xml");
        Assert.True(File.Exists(documentation), $"{documentation} is missing: GenerateDocumentationFile must be on for the library");
        var documented = XDocument.Load(documentation).Descendants("member")
            .Where(m => m.Element("summary") is { } summary && !string.IsNullOrWhiteSpace(summary.Value))
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = Library.GetExportedTypes()
            .Where(t => !documented.Contains("T:" + t.FullName!.Replace('+', '.')))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(undocumented.Count == 0, $"give these public types a <summary>: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Public_methods_take_their_cancellation_token_last_and_optional()
    {
        var offenders = Library.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Concat<MethodBase>(t.GetConstructors()))
            .Where(m => !m.IsPrivate && !m.IsAssembly)
            .Where(m => m.GetParameters() is var parameters
                && parameters.Any(p => p.ParameterType == typeof(CancellationToken))
                && !(parameters[^1].ParameterType == typeof(CancellationToken)
                    && parameters[^1].HasDefaultValue
                    && parameters.Count(p => p.ParameterType == typeof(CancellationToken)) == 1))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, $"take the CancellationToken last, as 'CancellationToken cancellationToken = default': {string.Join(", ", offenders)}");
    }
}
