namespace ImageBuild.Store.Queries;

/// <summary>Blobs no image and no layer-cache record references (left by builds to other outputs, interrupted pulls).</summary>
/// <param name="Blobs">How many there are.</param>
/// <param name="Size">Their bytes.</param>
/// <param name="Reclaimable">Bytes of those past <paramref name="GracePeriod"/>, which <c>prune</c> deletes now.</param>
/// <param name="GracePeriod">How long an unreferenced blob is spared, as a pull or build in another process may be about to tag it.</param>
public sealed record UnreferencedUsage(int Blobs, long Size, long Reclaimable, TimeSpan GracePeriod)
{
    public static UnreferencedUsage None { get; } = new(0, 0, 0, TimeSpan.Zero);
}
