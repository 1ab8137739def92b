namespace ImageBuild.Store;

/// <summary>Tuning of an <see cref="OciLayout"/>; the defaults suit the CLI.</summary>
public sealed record OciLayoutOptions
{
    public static OciLayoutOptions Default { get; } = new();

    /// <summary>How long to wait for another process's lock on index.json before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How old an unlocked temp file must be before a writer deletes it as left by a killed process.</summary>
    public TimeSpan StaleTempAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock used to age temp files; tests pass their own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
