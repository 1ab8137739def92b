using System.Diagnostics.CodeAnalysis;

namespace ImageBuild.References;

/// <summary>
/// Parses <c>[registry/]path[:tag][@digest]</c> the way docker's ParseNormalizedNamed does, but hand-written
/// instead of one regular expression so that every rejection can say which part is wrong and where.
/// </summary>
internal static class ReferenceParser
{
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out ImageReference? reference,
        out string error)
    {
        var problem = Parse(text ?? string.Empty, out reference);
        // Printable over the whole line: the digest parser quotes its input raw.
        error = problem is null
            ? string.Empty
            : ReferenceGrammar.Printable($"invalid reference \"{text}\": {problem}");
        return problem is null;
    }

    private static string? Parse(string text, out ImageReference? reference)
    {
        reference = null;
        if (text.Length == 0)
        {
            return "reference is empty; expected name[:tag][@digest], for example alpine:3.20";
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && text[..scheme].All(char.IsAsciiLetter))
        {
            return $"a reference has no scheme: drop \"{text[..(scheme + 3)]}\" (loopback registries and --insecure-registry hosts are reached over plain HTTP without it)";
        }

        // Neither a name nor a tag may contain '@', so the first one starts the digest.
        var at = text.IndexOf('@');
        var name = at < 0 ? text : text[..at];
        var digestText = at < 0 ? null : text[(at + 1)..];

        // A ':' after the last '/' starts the tag; earlier ones belong to a registry port.
        string? tag = null;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }

        var problem = SplitName(name, tag is not null ? ':' : '@', out var registry, out var path)
            ?? CheckPath(path, registry is null ? 0 : registry.Length + 1);
        if (problem is not null)
        {
            return problem;
        }

        if (tag is not null && ReferenceGrammar.CheckTag(tag, name.Length + 1) is { } tagProblem)
        {
            return tagProblem;
        }

        Oci.Digest? digest = null;
        if (digestText is not null)
        {
            if (digestText.Length == 0)
            {
                return "digest is empty; remove the '@' or write a digest such as sha256:<64 hex characters> after it";
            }

            if (!Oci.Digest.TryParse(digestText, out var parsed, out var digestProblem))
            {
                return digestProblem;
            }

            digest = parsed;
        }

        (registry, path) = Normalize(registry, path);

        // As distribution/reference: only the whole input being 64 hex digits is refused (it reads as an image
        // ID); "docker.io/<hex>" and "<hex>:tag" are names.
        if (ReferenceGrammar.LooksLikeImageId(text))
        {
            return "cannot use a 64-character hex string as a repository name (it reads as an image ID); add a registry or a tag";
        }

        // distribution/reference limits the repository path alone; the registry does not count.
        if (path.Length > ReferenceGrammar.MaxNameLength)
        {
            return $"repository name is {path.Length} characters long; the limit is {ReferenceGrammar.MaxNameLength}";
        }

        reference = new ImageReference(registry, path, tag, digest);
        return null;
    }

    private static string? SplitName(string name, char followedBy, out string? registry, out string path)
    {
        registry = null;
        path = name;
        if (name.Length == 0)
        {
            return $"repository name is missing before '{followedBy}'";
        }

        if (name[0] == '/')
        {
            return "name must not start with '/'";
        }

        if (name[^1] == '/')
        {
            return "name must not end with '/'";
        }

        var doubled = name.IndexOf("//", StringComparison.Ordinal);
        if (doubled >= 0)
        {
            return $"name has an empty path component ('//' at position {doubled + 1})";
        }

        var slash = name.IndexOf('/');
        if (slash > 0 && RegistryDomain.LooksLikeDomain(name[..slash]))
        {
            registry = name[..slash];
            path = name[(slash + 1)..];
            return RegistryDomain.Check(registry);
        }

        return null;
    }

    private static string? CheckPath(string path, int offset)
    {
        foreach (var component in path.Split('/'))
        {
            if (ReferenceGrammar.CheckPathComponent(component, offset) is { } problem)
            {
                return problem;
            }

            offset += component.Length + 1;
        }

        return null;
    }

    private static (string Registry, string Path) Normalize(string? registry, string path)
    {
        registry = registry is null or RegistryDomain.LegacyDockerHub ? RegistryDomain.DockerHub : registry;
        if (registry == RegistryDomain.DockerHub && !path.Contains('/'))
        {
            path = RegistryDomain.OfficialImagesPrefix + path;
        }

        return (registry, path);
    }
}
