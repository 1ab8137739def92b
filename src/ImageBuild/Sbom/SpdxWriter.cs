using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageBuild.Layers;
using ImageBuild.References;

namespace ImageBuild.Sbom;

/// <summary>
/// Writes the SPDX 2.3 JSON document of one image: the image, its base, the project, the NuGet packages of its
/// publish closure (with SHA-512 and purl) and the files of the layers the build added (with SHA-1 and SHA-256).
/// Deterministic: the namespace comes from the manifest digest and the time from the image, and everything is
/// sorted, so the same image gives the same bytes.
/// </summary>
public static class SpdxWriter
{
    private const string ImageId = "SPDXRef-Image";
    private const string BaseId = "SPDXRef-BaseImage";
    private const string ProjectId = "SPDXRef-Project";

    /// <summary>This tool as an SPDX creator, without build metadata so a rebuild of the same version writes the same bytes.</summary>
    public static string Creator { get; } = "Tool: dotnet-image-" + (typeof(SpdxWriter).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown");

    public static byte[] Write(SbomImage image, SbomInputs inputs) =>
        JsonSerializer.SerializeToUtf8Bytes(Describe(image, inputs), SpdxJsonContext.Default.SpdxDocument);

    public static SpdxDocument Describe(SbomImage image, SbomInputs inputs)
    {
        var name = image.Name is { } text && ImageReference.TryParse(text, out var parsed) ? parsed : null;
        var packages = new List<SpdxPackage>
        {
            new()
            {
                SpdxId = ImageId,
                Name = name?.Name ?? "image",
                VersionInfo = image.Manifest.Digest.ToString(),
                PrimaryPackagePurpose = "CONTAINER",
                Checksums = [Checksum(image.Manifest.Digest)],
                ExternalRefs = [SpdxExternalRef.Purl(Purl.Oci(name, image.Manifest.Digest, image.Platform))],
            },
        };
        var relationships = new List<SpdxRelationship> { new("SPDXRef-DOCUMENT", "DESCRIBES", ImageId) };
        if (image.BaseDigest is { } baseDigest)
        {
            var baseName = image.BaseName is { } b && ImageReference.TryParse(b, out var parsedBase) ? parsedBase : null;
            packages.Add(new SpdxPackage
            {
                SpdxId = BaseId,
                Name = baseName?.Name ?? image.BaseName ?? "base image",
                VersionInfo = baseDigest.ToString(),
                PrimaryPackagePurpose = "CONTAINER",
                Checksums = [Checksum(baseDigest)],
                ExternalRefs = [SpdxExternalRef.Purl(Purl.Oci(baseName, baseDigest, null))],
            });
            relationships.Add(new SpdxRelationship(ImageId, "DESCENDANT_OF", BaseId));
        }

        // Files and packages hang off the project when there is one: it is what depends on them.
        var owner = ImageId;
        if (inputs.ProjectName is { } project)
        {
            packages.Add(new SpdxPackage { SpdxId = ProjectId, Name = project, VersionInfo = inputs.ProjectVersion, PrimaryPackagePurpose = "APPLICATION" });
            relationships.Add(new SpdxRelationship(ImageId, "CONTAINS", ProjectId));
            owner = ProjectId;
        }

        var ids = new UniqueIds();
        var packageIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in inputs.Packages.Where(p => p.Platform is null || p.Platform.IsSatisfiedBy(image.Platform))
                     .DistinctBy(p => (p.Name.ToLowerInvariant(), p.Version.ToLowerInvariant()))
                     .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version, StringComparer.Ordinal))
        {
            var id = ids.Make($"SPDXRef-Package-NuGet-{package.Name}-{package.Version}");
            packageIds.TryAdd(package.Name, id);
            packages.Add(new SpdxPackage
            {
                SpdxId = id,
                Name = package.Name,
                VersionInfo = package.Version,
                PrimaryPackagePurpose = package.IsRuntimePack ? "FRAMEWORK" : "LIBRARY",
                Checksums = package.Sha512 is { } sha512 ? [new SpdxChecksum("SHA512", sha512)] : null,
                ExternalRefs = [SpdxExternalRef.Purl(Purl.NuGet(package.Name, package.Version))],
            });
            relationships.Add(new SpdxRelationship(ImageId, "CONTAINS", id));
            if (owner != ImageId)
            {
                relationships.Add(new SpdxRelationship(owner, "DEPENDS_ON", id));
            }
        }

        var origins = inputs.FileOrigins.Where(o => o.Platform is null || o.Platform.IsSatisfiedBy(image.Platform))
            .GroupBy(o => o.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Package, StringComparer.Ordinal);
        var files = new List<SpdxFile>();
        foreach (var file in LastOfEachPath(image.Files))
        {
            var id = "SPDXRef-File-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Path)))[..16];
            files.Add(new SpdxFile(id, "./" + file.Path, [new SpdxChecksum("SHA1", file.Sha1), new SpdxChecksum("SHA256", file.Sha256)]));
            var container = origins.TryGetValue(file.Path, out var origin) && packageIds.TryGetValue(origin, out var packageId) ? packageId : owner;
            relationships.Add(new SpdxRelationship(container, "CONTAINS", id));
        }

        return new SpdxDocument
        {
            Name = name?.ToString() ?? image.Manifest.Digest.ToString(),
            DocumentNamespace = $"https://spdx.org/spdxdocs/dotnet-image/{image.Manifest.Digest.Algorithm}/{image.Manifest.Digest.Hex}",
            CreationInfo = new SpdxCreationInfo(image.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), [Creator]),
            Packages = packages,
            Files = files,
            Relationships = relationships,
        };
    }

    private static SpdxChecksum Checksum(Oci.Digest digest) => new(digest.Algorithm == Oci.Digest.Sha512 ? "SHA512" : "SHA256", digest.Hex);

    private static IEnumerable<LayerFile> LastOfEachPath(IReadOnlyList<LayerFile> files) =>
        files.Select((file, order) => (file, order))
            .GroupBy(f => f.file.Path, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.order).file)
            .OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>SPDX identifiers: letters, digits, '.' and '-' only, each once.</summary>
    private sealed class UniqueIds
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public string Make(string wanted)
        {
            var clean = new string(wanted.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());
            var id = clean;
            for (var n = 2; !used.Add(id); n++)
            {
                id = $"{clean}-{n}";
            }

            return id;
        }
    }
}
