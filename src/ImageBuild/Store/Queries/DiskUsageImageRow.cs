using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>One image of <c>system df -v</c>: its first tag (docker shows only that one) and how its bytes are shared.</summary>
/// <param name="SharedSize">Bytes of blobs another image uses too.</param>
/// <param name="UniqueSize">Bytes only this image uses: what removing it alone would free.</param>
/// <param name="Containers">Always 0: this tool runs no containers.</param>
public sealed record DiskUsageImageRow(
    string Repository, string Tag, Digest ImageId, DateTimeOffset? Created, long Size, long SharedSize, long UniqueSize, int Containers);
