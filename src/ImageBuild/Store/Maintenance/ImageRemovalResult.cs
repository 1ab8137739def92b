namespace ImageBuild.Store.Maintenance;

/// <summary>Everything <c>image rm</c> did, in order, and what it could not do.</summary>
/// <param name="BytesFreed">Bytes of blobs deleted because no image uses them any more.</param>
public sealed record ImageRemovalResult(IReadOnlyList<ImageRemovalEvent> Events, IReadOnlyList<ImageRemovalError> Errors, long BytesFreed, bool Force)
{
    /// <summary>The exit status docker gives: success unless an error occurred that -f does not excuse (only "No such image" is excused).</summary>
    public bool Succeeded => Errors.All(e => Force && e.IsNotFound);
}
