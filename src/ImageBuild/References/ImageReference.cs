using System.Diagnostics.CodeAnalysis;
using ImageBuild.Errors;

namespace ImageBuild.References;

/// <summary>
/// A normalized image reference <c>registry/repository[:tag][@digest]</c> following distribution/reference:
/// <c>alpine</c> is <c>docker.io/library/alpine</c>, <c>index.docker.io</c> is <c>docker.io</c>. Only
/// <see cref="Parse"/> and the <c>With...</c> methods create values, so every instance is valid.
/// </summary>
public sealed record ImageReference
{
    public const string DefaultTag = "latest";

    internal ImageReference(string registry, string repository, string? tag, Oci.Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry as written (after normalizing Docker Hub), for example <c>docker.io</c> or <c>localhost:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The path inside the registry, for example <c>library/alpine</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the text had none; see <see cref="WithDefaultTag"/>.</summary>
    public string? Tag { get; }

    public Oci.Digest? Digest { get; }

    /// <summary><c>registry/repository</c> without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The short name docker shows: <c>alpine</c>, <c>user/app</c>, <c>ghcr.io/o/app</c>.</summary>
    public string FamiliarName
    {
        get
        {
            if (!IsDockerHub)
            {
                return Name;
            }

            // Only a single component under library/ is shortened, so "library/a/b" stays unambiguous.
            if (Repository.StartsWith(RegistryDomain.OfficialImagesPrefix, StringComparison.Ordinal))
            {
                var rest = Repository[RegistryDomain.OfficialImagesPrefix.Length..];
                if (!rest.Contains('/'))
                {
                    return rest;
                }
            }

            // Docker would print "a.b/c" for docker.io/a.b/c, which reads back as registry a.b; keeping the
            // registry makes every familiar name parse back to the same reference.
            var slash = Repository.IndexOf('/');
            return slash > 0 && RegistryDomain.LooksLikeDomain(Repository[..slash]) ? Name : Repository;
        }
    }

    /// <summary>The familiar name with tag and digest, as docker lists it: <c>alpine:3.20</c>.</summary>
    public string FamiliarString => FamiliarName + Suffix;

    public bool IsDockerHub => Registry == RegistryDomain.DockerHub;

    /// <summary>The host to connect to: Docker Hub's API lives on registry-1.docker.io, not docker.io.</summary>
    public string RegistryHost => IsDockerHub ? RegistryDomain.DockerHubApiHost : Registry;

    /// <summary>localhost, 127.0.0.0/8 or [::1] (any port): registries that may be reached over plain HTTP.</summary>
    public bool IsLoopbackRegistry => RegistryDomain.IsLoopback(Registry);

    private string Suffix => (Tag is null ? string.Empty : ":" + Tag) + (Digest is { } digest ? "@" + digest : string.Empty);

    /// <summary>Parses a reference; throws <see cref="InvalidInputException"/> naming the problem.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new InvalidInputException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, out string error) =>
        ReferenceParser.TryParse(text, out reference, out error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference) =>
        ReferenceParser.TryParse(text, out reference, out _);

    /// <summary>Parses and adds <c>:latest</c> when the text names neither a tag nor a digest.</summary>
    public static ImageReference ParseNormalized(string text) => Parse(text).WithDefaultTag();

    /// <summary>
    /// distribution/reference's ParseDockerRef, what the daemon stores a name as: a digest wins over a tag (the tag is
    /// dropped), and a name with neither gets <c>:latest</c>.
    /// </summary>
    public static ImageReference ParseDockerReference(string text)
    {
        var reference = Parse(text);
        return reference.Digest is not null ? reference.WithoutTag() : reference.WithDefaultTag();
    }

    /// <summary>Adds <c>:latest</c> when there is neither tag nor digest; otherwise returns this.</summary>
    public ImageReference WithDefaultTag() =>
        Tag is null && Digest is null ? new ImageReference(Registry, Repository, DefaultTag, null) : this;

    /// <summary>
    /// What a pull, push or copy addresses: the digest when there is one (a tag beside it is only a label), else the
    /// tag, else <c>:latest</c>.
    /// </summary>
    public ImageReference ByDigestOrTag() => Digest is not null ? WithoutTag() : WithDefaultTag();

    /// <summary>The manifest reference a registry is asked for: the digest, else the tag, else <c>latest</c> (see <see cref="ByDigestOrTag"/>).</summary>
    public string TagOrDigest => Digest?.ToString() ?? Tag ?? DefaultTag;

    public ImageReference WithTag(string tag)
    {
        var problem = ReferenceGrammar.CheckTag(tag, 0);
        if (problem is not null)
        {
            throw new InvalidInputException(ReferenceGrammar.Printable($"cannot tag {FamiliarName} as \"{tag}\": {problem}"));
        }

        return new ImageReference(Registry, Repository, tag, Digest);
    }

    public ImageReference WithDigest(Oci.Digest digest)
    {
        if (digest.Algorithm is null)
        {
            throw new ArgumentException("digest is the default value; parse or compute one first", nameof(digest));
        }

        return new ImageReference(Registry, Repository, Tag, digest);
    }

    public ImageReference WithoutTag() => Tag is null ? this : new ImageReference(Registry, Repository, null, Digest);

    public ImageReference WithoutDigest() => Digest is null ? this : new ImageReference(Registry, Repository, Tag, null);

    /// <summary>Only the repository: no tag, no digest.</summary>
    public ImageReference WithoutTagOrDigest() =>
        Tag is null && Digest is null ? this : new ImageReference(Registry, Repository, null, null);

    /// <summary>The fully qualified form: <c>docker.io/library/alpine:3.20</c>, <c>name:tag@digest</c>.</summary>
    public override string ToString() => Name + Suffix;
}
