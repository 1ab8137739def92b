namespace ImageBuild.Errors;

/// <summary>Content that is not what its digest names: too long, too short, or hashing to something else.</summary>
public sealed class CorruptBlobException(string digest, string message) : ImageBuildException(message)
{
    /// <summary>The digest the content should have had (a blob's digest, or a layer's diff_id), as <c>algorithm:hex</c>.</summary>
    public string Digest { get; } = digest;
}
