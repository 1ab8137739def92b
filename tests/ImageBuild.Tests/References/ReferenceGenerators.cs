using CsCheck;
using ImageBuild.Oci;

namespace ImageBuild.Tests.References;

/// <summary>The parts of a reference as generated, before normalizing, and the text they form.</summary>
internal sealed record GeneratedReference(string? Registry, IReadOnlyList<string> Path, string? Tag, Digest? Digest)
{
    public string Text =>
        (Registry is null ? string.Empty : Registry + "/") +
        string.Join('/', Path) +
        (Tag is null ? string.Empty : ":" + Tag) +
        (Digest is null ? string.Empty : "@" + Digest);
}

/// <summary>Generators for valid references, built from the grammar of distribution/reference.</summary>
internal static class ReferenceGenerators
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    private static readonly Gen<string> Alphanumeric = Gen.String[Gen.Char[Lower], 1, 5];

    private static readonly Gen<string> Separator = Gen.OneOfConst(".", "_", "__", "-", "--", "---");

    /// <summary><c>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*</c></summary>
    public static readonly Gen<string> PathComponent =
        Gen.Select(Alphanumeric, Gen.Select(Separator, Alphanumeric, (s, a) => s + a).Array[0, 3],
            (first, rest) => first + string.Concat(rest));

    private static readonly Gen<string> HostLabel = Gen.OneOf(
        Gen.Char["abcXYZ019"].Select(c => c.ToString()),
        Gen.Select(Gen.Char["abcXYZ019"], Gen.String[Gen.Char["abz09-"], 0, 4], Gen.Char["abcXYZ019"],
            (first, middle, last) => first + middle + last));

    private static readonly Gen<string> Port = Gen.Int[1, 65535].Select(port => ":" + port);

    private static readonly Gen<string> DottedHost =
        Gen.Select(HostLabel.Array[2, 3], Port.Null(), (labels, port) => string.Join('.', labels) + port);

    public static readonly Gen<string?> Registry = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const((string?)null),
        Gen.OneOfConst<string?>(
            "localhost", "localhost:5000", "docker.io", "index.docker.io", "ghcr.io", "127.0.0.1:5000",
            "[::1]:5000", "[fe80::1]", "Registry.Example.COM:443", "registry-1.docker.io"),
        Gen.Select(HostLabel, Port, (host, port) => host + port).Select(domain => (string?)domain),
        DottedHost.Select(domain => (string?)domain));

    public static readonly Gen<string> Tag = Gen.OneOf(
        Gen.Select(Gen.Char[Word], Gen.String[Gen.Char[Word + ".-"], 0, 20], (first, rest) => first + rest),
        Gen.Select(Gen.Char[Word], Gen.String[Gen.Char[Word + ".-"], 127, 127], (first, rest) => first + rest));

    public static readonly Gen<Digest> Digest = Gen.OneOf(
        Gen.Byte.Array[32, 32].Select(bytes => global::ImageBuild.Oci.Digest.FromHash(global::ImageBuild.Oci.Digest.Sha256, bytes)),
        Gen.Byte.Array[64, 64].Select(bytes => global::ImageBuild.Oci.Digest.FromHash(global::ImageBuild.Oci.Digest.Sha512, bytes)));

    public static readonly Gen<GeneratedReference> Reference =
        Gen.Select(Registry, PathComponent.Array[1, 4], Tag.Null(), Digest.Nullable(),
                (registry, path, tag, digest) => new GeneratedReference(registry, path, tag, digest))
            .Where(IsUnambiguous);

    // Without a registry, a first component that looks like a host would be read as one.
    private static bool IsUnambiguous(GeneratedReference reference) =>
        reference.Registry is not null ||
        reference.Path.Count == 1 ||
        !(reference.Path[0].Contains('.') || reference.Path[0] == "localhost");
}
