using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>What a push of one image did.</summary>
/// <param name="Reference">Where it went: <c>name:tag</c>, or <c>name@digest</c> for a push by digest (no tag made).</param>
/// <param name="Root">The manifest or index pushed.</param>
/// <param name="Blobs">Each blob and manifest of the image and what became of it, children before parents.</param>
public sealed record PushResult(ImageReference Reference, Descriptor Root, IReadOnlyList<PushedBlob> Blobs)
{
    /// <summary><c>NAME@sha256:...</c>: what a CI step hands to the next one.</summary>
    public string DigestReference => $"{Reference.Name}@{Root.Digest}";

    public int Uploaded => Blobs.Count(b => b.Outcome == PushOutcome.Uploaded);

    public int Mounted => Blobs.Count(b => b.Outcome == PushOutcome.Mounted);

    public int Skipped => Blobs.Count(b => b.Outcome == PushOutcome.AlreadyExists);
}
