namespace ImageBuild.Transfers;

/// <summary>What a push did with one blob.</summary>
public enum PushOutcome
{
    /// <summary>The repository had it; nothing was sent.</summary>
    AlreadyExists,

    /// <summary>Its bytes were sent (a blob upload or a manifest PUT).</summary>
    Uploaded,

    /// <summary>Linked from another repository of the same registry; no bytes were sent.</summary>
    Mounted,
}
