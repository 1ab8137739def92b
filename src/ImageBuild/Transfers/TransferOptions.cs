using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>How a pull, push, copy or remote tag moves an image: which platforms, how many blobs at once, who hears of it.</summary>
public sealed record TransferOptions
{
    public static TransferOptions Default { get; } = new();

    /// <summary>The platform to take from an index; null means this machine's (or the index's only image).</summary>
    public Platform? Platform { get; init; }

    /// <summary>Keep an index whole, with every platform, so its digest is preserved.</summary>
    public bool AllPlatforms { get; init; }

    /// <summary>Take the image's referrers (SBOMs, signatures) along, and theirs, to a destination that keeps them.</summary>
    public bool IncludeReferrers { get; init; }

    /// <summary>How many blobs move at the same time.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Told when each blob starts, is skipped, moves bytes and ends.</summary>
    public IProgress<BlobTransferEvent>? Progress { get; init; }

    internal ContentCopyOptions ToCopyOptions() => new() { Parallelism = Parallelism, Progress = Progress };

    internal void Validate()
    {
        if (AllPlatforms && Platform is not null)
        {
            throw new InvalidInputException("--platform and --all-platforms exclude each other: choose one platform or all of them");
        }

        if (Parallelism < 1)
        {
            throw new InvalidInputException($"--jobs must be at least 1, not {Parallelism}");
        }
    }
}
