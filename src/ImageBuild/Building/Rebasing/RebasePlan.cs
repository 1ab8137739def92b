namespace ImageBuild.Building.Rebasing;

/// <summary>What a rebase is asked to do, as plain data.</summary>
public sealed record RebasePlan
{
    /// <summary>The image to rebase: a store image, a registry reference, or a location (<c>oci:DIR:REF</c>).</summary>
    public required string Image { get; init; }

    /// <summary>The base the image was built on; null for the one it records (annotations, else labels).</summary>
    public string? OldBase { get; init; }

    /// <summary>The base to put under it; null for the current image of the base name it records.</summary>
    public string? NewBase { get; init; }

    /// <summary>Full references for the result; empty for the image's own reference.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Read IMAGE (and the bases) from their registries even when the store holds them.</summary>
    public bool Remote { get; init; }

    /// <summary>Push the result to its tags' registries even when IMAGE came from the store (a registry image is always pushed).</summary>
    public bool Push { get; init; }
}
