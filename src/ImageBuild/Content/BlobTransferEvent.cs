using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>What happened to one blob during a copy; <see cref="BytesDone"/> grows while it is <see cref="BlobTransferStage.Transferring"/>.</summary>
public sealed record BlobTransferEvent(Descriptor Blob, BlobTransferStage Stage, long BytesDone);
