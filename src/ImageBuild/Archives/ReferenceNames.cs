namespace ImageBuild.Archives;

/// <summary>Just enough of the reference grammar to decide how a name is recorded in an archive.</summary>
internal static class ReferenceNames
{
    /// <summary>
    /// True for a fully qualified reference (<c>registry.example/repo:tag</c> or <c>...@sha256:...</c>): its first
    /// path segment is a registry host and it has a tag or digest. containerd and docker record exactly these in
    /// <c>io.containerd.image.name</c>.
    /// </summary>
    public static bool IsFullReference(string name)
    {
        var slash = name.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var host = name[..slash];
        if (host != "localhost" && !host.Contains('.') && !host.Contains(':'))
        {
            return false;
        }

        return name.Contains('@') || name.LastIndexOf(':') > name.LastIndexOf('/');
    }

    /// <summary>Splits <c>repo:tag</c> at the tag's colon; null when the name has no tag (or carries a digest).</summary>
    public static (string Repository, string Tag)? SplitTag(string name)
    {
        if (name.Contains('@'))
        {
            return null;
        }

        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') && colon > 0 ? (name[..colon], name[(colon + 1)..]) : null;
    }
}
