using System.Diagnostics;

namespace ImageBuild.Building;

/// <summary>
/// Time the layers of one build spent per phase, summed over layers (which run concurrently, so the sums can
/// exceed the wall time of the layers step).
/// </summary>
internal sealed class LayerPhaseTimes
{
    private long planTicks;
    private long hashTicks;
    private long writeTicks;

    /// <summary>Listing each layer's files and looking its quick and identity keys up in the cache.</summary>
    public long PlanMilliseconds => ToMilliseconds(planTicks);

    /// <summary>Hashing file contents for content keys (only for layers no cheaper key found).</summary>
    public long HashMilliseconds => ToMilliseconds(hashTicks);

    /// <summary>Tarring, hashing and compressing new layers into the store.</summary>
    public long WriteMilliseconds => ToMilliseconds(writeTicks);

    public void AddPlan(long startTimestamp) => Interlocked.Add(ref planTicks, Stopwatch.GetTimestamp() - startTimestamp);

    public void AddHash(long startTimestamp) => Interlocked.Add(ref hashTicks, Stopwatch.GetTimestamp() - startTimestamp);

    public void AddWrite(long startTimestamp) => Interlocked.Add(ref writeTicks, Stopwatch.GetTimestamp() - startTimestamp);

    private static long ToMilliseconds(long ticks) => ticks * 1000 / Stopwatch.Frequency;
}
