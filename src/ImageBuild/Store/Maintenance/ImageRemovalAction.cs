namespace ImageBuild.Store.Maintenance;

/// <summary>What <c>image rm</c> did to one name or image; the names are docker's output words.</summary>
public enum ImageRemovalAction
{
    Untagged,
    Deleted,
}
