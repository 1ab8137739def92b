using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>How a <see cref="ContentWalk"/> learns that blobs are present and what it does with those that are not.</summary>
public sealed record ContentWalkOptions
{
    public static ContentWalkOptions Default { get; } = new();

    /// <summary>
    /// A cheap presence check asked of every node (a layout: does the file exist). Without one a document is
    /// present when it reads, a leaf the <see cref="MissingBlobPolicy"/> tolerates missing is opened to see, and
    /// any other leaf is the caller's to open (a missing one fails then).
    /// </summary>
    public Func<Descriptor, bool>? IsPresent { get; init; }

    /// <summary>Record absent blobs the policy does not tolerate in <see cref="ContentWalk.Missing"/> instead of throwing.</summary>
    public bool RecordMissing { get; init; }

    /// <summary>
    /// Record a damaged manifest or index in <see cref="ContentWalk.Unreadable"/> and go on (its children stay
    /// unknown), so a check reports everything at once; otherwise the read error is thrown.
    /// </summary>
    public bool ContinuePastUnreadable { get; init; }
}
