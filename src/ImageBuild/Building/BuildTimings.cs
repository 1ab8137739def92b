namespace ImageBuild.Building;

/// <summary>Where a build spent its time, in milliseconds.</summary>
public sealed record BuildTimings(long BaseMilliseconds, long LayersMilliseconds, long OutputsMilliseconds, long TotalMilliseconds);
